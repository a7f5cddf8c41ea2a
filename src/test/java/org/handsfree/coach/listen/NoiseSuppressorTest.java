package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Room noise learnt between stretches and taken out of one: the noise falls, the voice stays. */
final class NoiseSuppressorTest {
    private static final int RATE = 16_000;
    private static final int FRAME = 160;

    private static double power(short[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return s / (to - from);
    }

    private static double db(double ratio) {
        return 10 * Math.log10(ratio);
    }

    /** White noise of standard deviation {@code sigma}. */
    private static short[] noise(int n, double sigma, long seed) {
        Random r = new Random(seed);
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = (short) Math.round(r.nextGaussian() * sigma);
        }
        return x;
    }

    /** Learns {@code room} as a stream would, one 10 ms frame after another, with no stretch open. */
    private static NoiseSuppressor learnt(short[] room, double floorDb) {
        NoiseSuppressor s = new NoiseSuppressor(floorDb);
        for (int end = FRAME; end <= room.length; end += FRAME) {
            s.learn(room, end);
        }
        return s;
    }

    @Test
    void learntNoise_isTurnedDownByAboutTheFloor_aToneOverItKeepsItsLevel() {
        short[] room = noise(2 * RATE, 300, 1);
        NoiseSuppressor s = learnt(room, -12);
        assertTrue(s.ready());
        // A second of the same noise, with a 440 Hz tone 20 dB above it in the middle half second.
        short[] stretch = noise(RATE, 300, 2);
        short[] tone = new short[RATE];
        for (int i = RATE / 4; i < 3 * RATE / 4; i++) {
            tone[i] = (short) Math.round(3000 * Math.sqrt(2) * Math.sin(2 * Math.PI * 440 * i / RATE));
            stretch[i] += tone[i];
        }
        short[] out = s.suppress(stretch);
        assertEquals(stretch.length, out.length);
        // Noise alone (the first fifth, away from the tone): turned down by 9-15 dB (the floor is 12 dB).
        double noiseDrop = db(power(stretch, 0, RATE / 5) / power(out, 0, RATE / 5));
        assertTrue(noiseDrop > 9 && noiseDrop < 15, "noise turned down by " + noiseDrop + " dB");
        // The tone's half second keeps its level within 1 dB.
        double toneChange = db(power(out, RATE / 4 + 800, 3 * RATE / 4 - 800) / power(tone, RATE / 4 + 800, 3 * RATE / 4 - 800));
        assertTrue(Math.abs(toneChange) < 1, "the tone changed by " + toneChange + " dB");
    }

    @Test
    void aQuietRoom_leavesTheSoundAsItWas() {
        // A room of faint noise (sigma 3) and a stretch 40 dB over it: every bin's SNR is high, the gain about 1.
        NoiseSuppressor s = learnt(noise(RATE, 3, 3), -12);
        short[] stretch = noise(RATE / 2, 300, 4);
        short[] out = s.suppress(stretch);
        double change = db(power(out, 0, out.length) / power(stretch, 0, stretch.length));
        assertTrue(Math.abs(change) < 0.1, "changed by " + change + " dB");
        double err = 0;
        for (int i = 0; i < out.length; i++) {
            err += Math.pow(out[i] - stretch[i], 2) / out.length;
        }
        assertTrue(db(power(stretch, 0, stretch.length) / err) > 30, "signal to error " + db(power(stretch, 0,
                stretch.length) / err) + " dB");
    }

    @Test
    void theRoomHeardJustBeforeAStretch_isNotLearnt() {
        NoiseSuppressor s = new NoiseSuppressor(-12);
        short[] quiet = noise(RATE, 10, 5);
        short[] loud = noise(RATE, 10_000, 6);
        // A second of quiet room, then the loud onset of a word, heard for a few frames before the
        // endpointer knew it was a stretch.
        for (int end = FRAME; end <= RATE; end += FRAME) {
            s.learn(quiet, end);
        }
        for (int end = FRAME * 4; end < FRAME * (4 + NoiseSuppressor.DELAY_FRAMES); end += FRAME) {
            s.learn(loud, end);
        }
        s.stretchStarted();
        assertTrue(s.ready());
        // A tone 30 dB over the quiet room keeps its level: had the onset been learnt as noise, it would not.
        short[] stretch = noise(RATE / 2, 10, 7);
        for (int i = 0; i < stretch.length; i++) {
            stretch[i] += (short) Math.round(300 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        short[] out = s.suppress(stretch);
        double change = db(power(out, 800, stretch.length - 800) / power(stretch, 800, stretch.length - 800));
        assertTrue(Math.abs(change) < 0.5, "the tone changed by " + change + " dB");
    }
}
