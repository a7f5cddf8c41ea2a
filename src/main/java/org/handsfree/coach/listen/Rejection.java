package org.handsfree.coach.listen;

import org.handsfree.coach.session.Context;

/**
 * A stretch of sound that was heard and judged not to be a command.
 *
 * @param context the listening context it was judged in, or null for every phrase at once
 * @param kind what it seemed to be
 */
public record Rejection(long start, long end, Context context, Kind kind) implements Hearing {

    /** What a rejected stretch seemed to be. */
    public enum Kind {
        /** Thrown out before decoding: noise, music, a cry, a click, sound too long to be a command. */
        SOUND,
        /** Speech, but no command for now: out of the grammar, another context's phrase, not addressed. */
        SPEECH,
        /** A command of the context in force, but not clear enough to act on. */
        UNCLEAR
    }

    /** A rejection with nothing known about the sound. */
    public Rejection(long start, long end) {
        this(start, end, null, Kind.SOUND);
    }
}
