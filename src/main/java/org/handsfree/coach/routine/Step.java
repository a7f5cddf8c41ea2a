package org.handsfree.coach.routine;

import java.util.Optional;

/**
 * One step: what the coach says, and optionally a timed hold, a counted rhythm and a tip for "help".
 *
 * @param title a short name, said by "where" ("Step 3 of 12: press back")
 * @param text what the coach says when the step starts
 * @param then what happens when the hold or the counted cycles end
 */
public record Step(String title, String text, Optional<Hold> hold, Optional<Rhythm> rhythm,
                   Optional<String> tip, Then then) {

    /** What the coach does when a step's hold (or its counted cycles) has run its course. */
    public enum Then {
        /** Stop and wait for the user to say "next". */
        WAIT,
        /** Move on to the next step by itself. */
        NEXT
    }

    /** True when the step runs by itself after its text (a hold or a count). */
    public boolean isTimed() {
        return hold.isPresent() || rhythm.isPresent();
    }
}
