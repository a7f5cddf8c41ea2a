package org.handsfree.coach.session;

import java.util.List;

/** The result of one session step: the new state and what to do about it. */
public record Transition(SessionState state, List<Action> actions) {
    public Transition {
        actions = List.copyOf(actions);
    }
}
