package org.handsfree.coach.listen;

/**
 * A real command over real room noise, as {@code bench recognition} mixes them: the noise runs
 * {@link #LEAD_SECONDS} before the voice (a room that has been noisy a while) and half a second after, at
 * {@code snrDb} below the voice's active level (the mean power of its 10 ms frames within 30 dB of its loudest).
 */
public final class RealNoise {
    public static final int LEAD_SECONDS = 8;
    /** Stretches that start before this are the room, not the command: judging starts here. */
    public static final int SETTLE_SAMPLES = 7 * 16_000;

    private RealNoise() {
    }

    /** A clip of {@code src/test/resources/real}. */
    public static short[] clip(String name) {
        return RealAudioTest.clip(name);
    }

    /** {@code voice} after {@link #LEAD_SECONDS} of {@code noise} (looped), with the noise {@code snrDb} below it. */
    public static short[] mix(short[] voice, short[] noise, double snrDb) {
        int lead = LEAD_SECONDS * 16_000;
        int n = lead + voice.length + 8_000;
        double noisePower = 0;
        for (int i = 0; i < n; i++) {
            double x = noise[i % noise.length];
            noisePower += x * x / n;
        }
        double gain = Math.sqrt(activePower(voice) / noisePower / Math.pow(10, snrDb / 10));
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double v = i >= lead && i < lead + voice.length ? voice[i - lead] : 0;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v + gain * noise[i % noise.length])));
        }
        return out;
    }

    private static double activePower(short[] pcm) {
        int frames = pcm.length / 160;
        double[] p = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = f * 160; i < (f + 1) * 160; i++) {
                s += (double) pcm[i] * pcm[i];
            }
            p[f] = s / 160;
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
        return sum / k;
    }
}
