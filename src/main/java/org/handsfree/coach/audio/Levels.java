package org.handsfree.coach.audio;

/** Simple level measures of 16-bit PCM. */
public final class Levels {
    private Levels() {
    }

    /** RMS of {@code pcm[from, to)} scaled to 0..1 of full scale. */
    public static double rms(short[] pcm, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            double x = pcm[i] / 32768.0;
            sum += x * x;
        }
        return Math.sqrt(sum / (to - from));
    }

    public static int peak(short[] pcm) {
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs((int) s));
        }
        return peak;
    }

    /** A value in 16-bit sample units, rounded and clipped to the 16-bit range. */
    public static short toSample(double x) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x)));
    }

    public static double toDb(double linear) {
        return 20 * Math.log10(Math.max(linear, 1e-9));
    }

    /**
     * The next value of a noise floor (dB) that follows a level: it falls fast to quieter frames and
     * rises slowly, never more than 20 dB a step, so speech barely raises it.
     */
    public static double followFloor(double floorDb, double levelDb) {
        return levelDb < floorDb ? 0.7 * floorDb + 0.3 * levelDb : 0.995 * floorDb + 0.005 * Math.min(levelDb, floorDb + 20);
    }

    public static double fromDb(double db) {
        return Math.pow(10, db / 20);
    }
}
