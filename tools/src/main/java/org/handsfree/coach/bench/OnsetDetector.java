package org.handsfree.coach.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's own onset detector, which reads only the output audio. It splits the signal into
 * sounds separated by at least {@code gapMs} of near-silence, then finds each sound's onset in one
 * of two ways:
 * <ul>
 *   <li>{@link Kind#RELATIVE}: the first sample reaching 30 dB below the sound's loudest
 *       millisecond (the product's definition of the audible onset);</li>
 *   <li>{@link Kind#ABSOLUTE}: the first sample reaching -40 dBFS, whatever the word.</li>
 * </ul>
 */
final class OnsetDetector {
    enum Kind { RELATIVE, ABSOLUTE }

    private static final int MS = 16;

    private OnsetDetector() {
    }

    /** Onsets in samples. */
    static List<Long> detect(short[] pcm, Kind kind, int gapMs) {
        int windows = pcm.length / MS;
        double[] env = new double[windows];
        for (int w = 0; w < windows; w++) {
            double sum = 0;
            for (int i = w * MS; i < (w + 1) * MS; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            env[w] = Math.sqrt(sum / MS) / 32768.0;
        }
        double floor = Math.pow(10, -70 / 20.0);
        List<Long> onsets = new ArrayList<>();
        int w = 0;
        while (w < windows) {
            if (env[w] <= floor) {
                w++;
                continue;
            }
            int start = w;
            int end = w;
            int quiet = 0;
            while (w < windows && quiet < gapMs) {
                if (env[w] > floor) {
                    end = w;
                    quiet = 0;
                } else {
                    quiet++;
                }
                w++;
            }
            onsets.add(onsetIn(pcm, env, start, end, kind));
        }
        return onsets;
    }

    private static long onsetIn(short[] pcm, double[] env, int start, int end, Kind kind) {
        double threshold;
        if (kind == Kind.RELATIVE) {
            double peak = 0;
            for (int w = start; w <= end; w++) {
                peak = Math.max(peak, env[w]);
            }
            threshold = peak * Math.pow(10, -30 / 20.0);
            for (int w = start; w <= end; w++) {
                if (env[w] >= threshold) {
                    return firstSampleAtLeast(pcm, w * MS, threshold);
                }
            }
            return (long) start * MS;
        }
        threshold = Math.pow(10, -40 / 20.0);
        return firstSampleAtLeast(pcm, start * MS, threshold, (end + 1) * MS);
    }

    private static long firstSampleAtLeast(short[] pcm, int from, double threshold) {
        return firstSampleAtLeast(pcm, from, threshold, from + MS);
    }

    private static long firstSampleAtLeast(short[] pcm, int from, double threshold, int to) {
        int level = (int) Math.ceil(threshold * 32768);
        for (int i = from; i < Math.min(to, pcm.length); i++) {
            if (Math.abs((int) pcm[i]) >= level) {
                return i;
            }
        }
        return from;
    }
}
