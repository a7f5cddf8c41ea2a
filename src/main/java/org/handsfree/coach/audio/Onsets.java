package org.handsfree.coach.audio;

import org.handsfree.coach.time.SampleTime;


/**
 * Finds where a voice starts and ends in a clip: the first and last 1 ms window whose RMS is
 * within {@link #RELATIVE_DB} of the clip's loudest window. Relative to the clip's own peak, so a
 * quiet word and a loud word are aligned alike.
 */
public final class Onsets {
    /** Window length for the envelope: 1 ms. */
    public static final int WINDOW = SampleTime.RATE / 1000;
    /** Level below the loudest window that counts as sound. */
    public static final double RELATIVE_DB = -30;

    private Onsets() {
    }

    /** Index of the first sample of the first window that counts as sound, or -1 for silence. */
    public static int onset(short[] pcm) {
        double threshold = threshold(pcm);
        if (threshold <= 0) {
            return -1;
        }
        for (int w = 0; w + WINDOW <= pcm.length; w += WINDOW) {
            if (Levels.rms(pcm, w, w + WINDOW) >= threshold) {
                return refine(pcm, w, threshold);
            }
        }
        return -1;
    }

    /** Index just past the last window that counts as sound, or 0 for silence. */
    public static int offset(short[] pcm) {
        double threshold = threshold(pcm);
        if (threshold <= 0) {
            return 0;
        }
        for (int w = pcm.length - WINDOW; w >= 0; w -= WINDOW) {
            if (Levels.rms(pcm, w, w + WINDOW) >= threshold) {
                return w + WINDOW;
            }
        }
        return 0;
    }

    /** The envelope's window for the perceptual onset: 10 ms. */
    public static final int PERCEPTUAL_WINDOW = SampleTime.RATE / 100;

    /**
     * Where a listener hears the word begin, its perceptual onset (the "P-center" of the rhythm
     * literature): the first sample at which the 10 ms RMS envelope, centred there, reaches half its
     * peak. That is near where the vowel's energy rises, tens of ms after the first audible sample
     * for a word that starts with a consonant cluster ("squeeze"), so it is what a count must put
     * on its grid. Returns -1 for silence.
     */
    public static int perceptual(short[] pcm) {
        int w = PERCEPTUAL_WINDOW;
        if (pcm.length < w) {
            return -1;
        }
        // Running sums of squares give the envelope at every sample; doubles are exact for these sums.
        double[] energy = new double[pcm.length - w + 1];
        double sum = 0;
        for (int i = 0; i < w; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        energy[0] = sum;
        double peak = sum;
        for (int i = 1; i < energy.length; i++) {
            sum += (double) pcm[i + w - 1] * pcm[i + w - 1] - (double) pcm[i - 1] * pcm[i - 1];
            energy[i] = sum;
            peak = Math.max(peak, sum);
        }
        if (peak <= 0) {
            return -1;
        }
        // Half the peak RMS is a quarter of the peak energy.
        double quarter = peak / 4;
        for (int i = 0; i < energy.length; i++) {
            if (energy[i] >= quarter) {
                return i + w / 2;
            }
        }
        return -1;
    }

    private static double threshold(short[] pcm) {
        double loudest = 0;
        for (int w = 0; w + WINDOW <= pcm.length; w += WINDOW) {
            loudest = Math.max(loudest, Levels.rms(pcm, w, w + WINDOW));
        }
        return loudest * Levels.fromDb(RELATIVE_DB);
    }

    /** The first sample in the window whose magnitude reaches the threshold: sub-window precision. */
    private static int refine(short[] pcm, int window, double threshold) {
        int level = (int) Math.ceil(threshold * 32768);
        for (int i = window; i < window + WINDOW; i++) {
            if (Math.abs((int) pcm[i]) >= level) {
                return i;
            }
        }
        return window;
    }
}
