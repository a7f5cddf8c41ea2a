package org.handsfree.coach.listen;

import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;

/**
 * A recognised command.
 *
 * @param text the words as the grammar spells them, lowercase (without the address word)
 * @param confidence 0 to 1; typed commands are 1
 * @param start first sample of the speech
 * @param end last sample of the speech
 * @param context the listening context it was heard in, or null (typed, or every phrase at once)
 * @param timing when and how long its stretch was decoded, for the trace; null when it was not decoded (typed)
 */
public record Utterance(String text, Intent intent, double confidence, long start, long end, Context context,
                        Timing timing) implements Hearing {

    /** A command heard in a context, its decoding not timed. */
    public Utterance(String text, Intent intent, double confidence, long start, long end, Context context) {
        this(text, intent, confidence, start, end, context, null);
    }

    /** A command heard with no particular context (typed, or every phrase at once). */
    public Utterance(String text, Intent intent, double confidence, long start, long end) {
        this(text, intent, confidence, start, end, null, null);
    }

    /**
     * How the stretch's verdict came about on the wall clock ({@link System#nanoTime()}), so the trace can say where
     * an answer's time went: the decode began, the phone-loop pass took part of it, the decode ended, and the stream
     * reported the verdict (at the quick end or the full hang).
     */
    public record Timing(long decodeStartNanos, long decodeEndNanos, long phoneLoopNanos, long reportedNanos) {
    }

    /** What was heard, where and in which context: the timing of its decoding is how long it took, not what it is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Utterance u && text.equals(u.text) && intent.equals(u.intent)
                && Double.compare(confidence, u.confidence) == 0 && start == u.start && end == u.end
                && java.util.Objects.equals(context, u.context);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(text, intent, confidence, start, end, context);
    }
}
