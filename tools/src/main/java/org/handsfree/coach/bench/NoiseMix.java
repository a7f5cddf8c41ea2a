package org.handsfree.coach.bench;

import java.util.List;
import java.util.Random;

/**
 * Commands over noise, as a room would have them: the noise starts {@link #LEAD_SECONDS} before the
 * voice (long enough for the endpointer's floor to settle on it, as in a room that has been noisy for a
 * while; the benchmark judges no stretch that starts in that time) and goes on {@link #TAIL_SECONDS} after it, at a level {@code snrDb} below the voice's active
 * level (the mean power of its frames within 30 dB of its loudest). Noise shorter than needed loops.
 */
public final class NoiseMix {
    static final double LEAD_SECONDS = 8.0;
    static final double TAIL_SECONDS = 0.5;
    private static final int RATE = 16_000;
    private static final int FRAME = 160;

    private NoiseMix() {
    }

    /** {@code voice} over {@code noise} (looped from {@code offset}) at {@code snrDb}. */
    public static short[] mix(short[] voice, float[] noise, int offset, double snrDb) {
        int lead = (int) (LEAD_SECONDS * RATE);
        int n = lead + voice.length + (int) (TAIL_SECONDS * RATE);
        double voicePower = activePower(voice);
        double noisePower = 0;
        for (int i = 0; i < n; i++) {
            double x = noise[(offset + i) % noise.length];
            noisePower += x * x / n;
        }
        double gain = noisePower <= 0 ? 0 : Math.sqrt(voicePower / noisePower / Math.pow(10, snrDb / 10));
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double v = i >= lead && i < lead + voice.length ? voice[i - lead] : 0;
            double x = v + gain * noise[(offset + i) % noise.length];
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x)));
        }
        return out;
    }

    /** Mean power of the 10 ms frames within 30 dB of the loudest: the voice's level, not its pauses. */
    static double activePower(short[] pcm) {
        int frames = pcm.length / FRAME;
        double[] p = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                s += (double) pcm[i] * pcm[i];
            }
            p[f] = s / FRAME;
            max = Math.max(max, p[f]);
        }
        double sum = 0;
        int k = 0;
        for (double x : p) {
            if (x >= max * 1e-3) {
                sum += x;
                k++;
            }
        }
        return k == 0 ? 0 : sum / k;
    }

    /** Pink noise (1/f power, Paul Kellet's filter over white noise), {@code seconds} long, from a fixed seed. */
    static float[] pink(double seconds, long seed) {
        Random r = new Random(seed);
        float[] out = new float[(int) (seconds * RATE)];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double b4 = 0;
        double b5 = 0;
        double b6 = 0;
        for (int i = 0; i < out.length; i++) {
            double w = r.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            out[i] = (float) ((b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 1000);
            b6 = w * 0.115926;
        }
        return out;
    }

    /** Babble: several recordings of talk summed, each at the same active level. */
    static float[] babble(List<short[]> talk) {
        int n = talk.stream().mapToInt(t -> t.length).min().orElse(0);
        float[] out = new float[n];
        for (short[] t : talk) {
            double g = 1000 / Math.sqrt(Math.max(1, activePower(t)));
            for (int i = 0; i < n; i++) {
                out[i] += (float) (g * t[i]);
            }
        }
        return out;
    }

    public static float[] toFloat(short[] pcm) {
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i];
        }
        return out;
    }
}
