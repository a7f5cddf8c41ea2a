package org.handsfree.coach.loop;

import org.handsfree.coach.session.SessionState;

/** What the user sees: what the coach says, the beat and the state. */
public interface Display {
    void said(String text);

    void beat(String word, long cycle);

    void heard(String text);

    /** Called every frame; implementations decide how often to redraw. */
    void status(SessionState state, long now);

    /** A display that shows nothing. */
    static Display none() {
        return new Display() {
            @Override
            public void said(String text) {
            }

            @Override
            public void beat(String word, long cycle) {
            }

            @Override
            public void heard(String text) {
            }

            @Override
            public void status(SessionState state, long now) {
            }
        };
    }
}
