package org.handsfree.coach.listen;

import org.handsfree.coach.session.Intent;

/**
 * A recognised command.
 *
 * @param text the words as the grammar spells them, lowercase
 * @param confidence 0 to 1; typed commands are 1
 * @param start first sample of the speech
 * @param end last sample of the speech
 */
public record Utterance(String text, Intent intent, double confidence, long start, long end) implements Hearing {
}
