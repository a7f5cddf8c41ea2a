package org.handsfree.coach.session;

/** Something the session asks the outside world to do. Values only: the session never does it itself. */
public sealed interface Action {

    /**
     * Speak {@code text}. When {@code cut} is set, whatever is being said stops first (within one
     * frame); otherwise the text follows what is already queued.
     */
    record Say(String text, boolean cut) implements Action {
    }

    /** Say beat {@code word} so that its audible onset falls on sample {@code at}. */
    record Beat(String word, long cycle, long at) implements Action {
    }

    /** Drop every beat scheduled at or after sample {@code from}. */
    record CancelBeats(long from) implements Action {
    }

    /** Set the output volume to {@code level}, from {@link Session#MIN_VOLUME} to {@link Session#MAX_VOLUME}. */
    record SetVolume(int level) implements Action {
    }

    /** The session is over: finish what is being said, then stop. */
    record End() implements Action {
    }
}
