package org.handsfree.coach.listen;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Takes a steady room noise out of a stretch before the decoder hears it, as pocketsphinx's
 * {@code -remove_noise} does for its own front end.
 *
 * <p>The noise's power spectrum is learnt from the room between stretches (the quiet the endpointer
 * saw), each spectrum only once it is {@link #DELAY_FRAMES} frames old with no stretch begun since, so
 * the onset of a word that the endpointer had not yet caught never counts as noise. A stretch is then
 * cut into half-overlapping 32 ms windows (a square-root Hann window on the way in and out, which sums
 * back to the signal exactly), and each frequency bin is scaled by a Wiener gain whose prior SNR is
 * smoothed from frame to frame ("decision-directed"): the smoothing keeps the residual noise from
 * turning into the isolated tonal blips ("musical noise") of plain spectral subtraction, and the gain
 * never falls below a floor, so the residue stays a quieter copy of the same noise.
 *
 * <p>One per stream (a room); not thread-safe.
 */
final class NoiseSuppressor {
    static final int SIZE = 512;
    static final int HOP = SIZE / 2;
    private static final int BINS = SIZE / 2 + 1;
    /** Spectra are learnt this many 10 ms frames late, so a stretch that starts meanwhile takes them back. */
    static final int DELAY_FRAMES = 10;
    /** Frames of room before the estimate is used: half a second. */
    static final int MIN_FRAMES = 50;
    /** Per-frame weight of the old noise estimate: a time constant of about a second. */
    private static final double KEEP = 0.99;
    /** Per-window weight of the previous window's clean estimate in the prior SNR. */
    private static final double SMOOTHING = 0.98;
    private static final double[] WINDOW = new double[SIZE];

    static {
        for (int i = 0; i < SIZE; i++) {
            // Periodic Hann, square-rooted: analysis times synthesis is a Hann, whose half-overlaps sum to 1.
            WINDOW[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / SIZE));
        }
    }

    private final double gainFloor;
    private final double[] noise = new double[BINS];
    private final Deque<double[]> pending = new ArrayDeque<>();
    private int learnt;
    private final double[] re = new double[SIZE];
    private final double[] im = new double[SIZE];

    /** @param floorDb the lowest gain of a bin, in dB (such as -12) */
    NoiseSuppressor(double floorDb) {
        this.gainFloor = Math.pow(10, floorDb / 20);
    }

    /**
     * Takes the room's sound: the {@link #SIZE} samples of {@code ring} (a circular buffer) that end at
     * sample {@code end} (exclusive, counted from the stream's start), heard while no stretch was open.
     */
    void learn(short[] ring, long end) {
        if (end < SIZE) {
            return;
        }
        for (int i = 0; i < SIZE; i++) {
            re[i] = ring[(int) ((end - SIZE + i) % ring.length)] * WINDOW[i];
            im[i] = 0;
        }
        SoundFeatures.fft(re, im);
        double[] p = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            p[b] = re[b] * re[b] + im[b] * im[b];
        }
        pending.addLast(p);
        if (pending.size() > DELAY_FRAMES) {
            double[] old = pending.removeFirst();
            double keep = learnt == 0 ? 0 : Math.max(KEEP, 1 - 1.0 / (learnt + 1));
            for (int b = 0; b < BINS; b++) {
                noise[b] = keep * noise[b] + (1 - keep) * old[b];
            }
            learnt++;
        }
    }

    /** A stretch has begun: the room heard just before it may hold its onset, so it is not learnt. */
    void stretchStarted() {
        pending.clear();
    }

    /** Whether enough room has been heard to know its noise. */
    boolean ready() {
        return learnt >= MIN_FRAMES;
    }

    /** {@code audio} with the learnt noise taken out (a new array of the same length). */
    short[] suppress(short[] audio) {
        int n = audio.length;
        // Half a window of zeros each side, so that every sample lies under two windows.
        int padded = n + 2 * HOP;
        int windows = (padded - SIZE + HOP - 1) / HOP + 1;
        double[] in = new double[(windows - 1) * HOP + SIZE];
        for (int i = 0; i < n; i++) {
            in[HOP + i] = audio[i];
        }
        double[] out = new double[in.length];
        double[] lastClean = new double[BINS];
        boolean first = true;
        for (int w = 0; w < windows; w++) {
            int at = w * HOP;
            for (int i = 0; i < SIZE; i++) {
                re[i] = in[at + i] * WINDOW[i];
                im[i] = 0;
            }
            SoundFeatures.fft(re, im);
            for (int b = 0; b < BINS; b++) {
                double power = re[b] * re[b] + im[b] * im[b];
                double nb = Math.max(noise[b], 1e-3);
                double post = power / nb;
                double instant = Math.max(post - 1, 0);
                double prior = first ? instant : SMOOTHING * lastClean[b] / nb + (1 - SMOOTHING) * instant;
                double gain = Math.max(prior / (1 + prior), gainFloor);
                lastClean[b] = gain * gain * power;
                re[b] *= gain;
                im[b] *= gain;
                if (b > 0 && b < SIZE / 2) {
                    re[SIZE - b] *= gain;
                    im[SIZE - b] *= gain;
                }
            }
            first = false;
            // The inverse transform as a forward one of the conjugate.
            for (int i = 0; i < SIZE; i++) {
                im[i] = -im[i];
            }
            SoundFeatures.fft(re, im);
            for (int i = 0; i < SIZE; i++) {
                out[at + i] += re[i] / SIZE * WINDOW[i];
            }
        }
        short[] result = new short[n];
        for (int i = 0; i < n; i++) {
            result[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(out[HOP + i])));
        }
        return result;
    }
}
