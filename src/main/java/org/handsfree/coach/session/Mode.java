package org.handsfree.coach.session;

import java.util.Locale;

/** What the coach is doing; its lowercase name appears in the trace's {@code state} events. */
public enum Mode {
    /** Saying a step's text; the step's count or timer starts when the speech ends. */
    NARRATING,
    /** The step has been said and has nothing timed: waiting for "next". */
    WAITING,
    /** Counting the rhythm (and timing the hold, if the step has one). */
    COUNTING,
    /** Timing a hold without counting. */
    HOLDING,
    /** Frozen by "pause" or "stop": no timer runs, no beat sounds. */
    PAUSED,
    /** Asked "are you sure?" and waiting for yes or no. */
    CONFIRMING,
    /** The closing has been said; "start over" or "quit" remain. */
    FINISHED,
    /** The session is over. */
    ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
