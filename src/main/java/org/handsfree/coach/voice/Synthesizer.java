package org.handsfree.coach.voice;

import org.handsfree.coach.audio.Clip;

/** Turns text into a 16 kHz mono clip whose audible onset is known. */
public interface Synthesizer extends AutoCloseable {
    Clip render(String text);

    @Override
    void close();
}
