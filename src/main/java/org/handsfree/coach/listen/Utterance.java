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
 */
public record Utterance(String text, Intent intent, double confidence, long start, long end, Context context)
        implements Hearing {

    /** A command heard with no particular context (typed, or every phrase at once). */
    public Utterance(String text, Intent intent, double confidence, long start, long end) {
        this(text, intent, confidence, start, end, null);
    }
}
