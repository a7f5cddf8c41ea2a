package org.handsfree.coach.audio;

/**
 * Removes the coach's own voice from what the microphone hears, using the exact signal it played:
 * a normalised-LMS adaptive filter learns the room's echo path (up to {@code taps} samples long)
 * and subtracts its estimate. Only runs while there is something to cancel.
 */
public final class EchoCanceller {
    private final int taps;
    private final double mu;
    private final double[] w;
    private final double[] ref;
    private int pos;
    private double power;
    private int recentlyLoud;

    /**
     * @param taps longest echo path, in samples
     * @param mu adaptation step, 0..1
     */
    public EchoCanceller(int taps, double mu) {
        this.taps = taps;
        this.mu = mu;
        this.w = new double[taps];
        this.ref = new double[taps];
    }

    /** Processes one frame: {@code played} is what the coach output at the same sample times as {@code heard}. */
    public void process(short[] heard, short[] played, short[] out) {
        for (int i = 0; i < heard.length; i++) {
            double x = played == null ? 0 : played[i] / 32768.0;
            double old = ref[pos];
            power += x * x - old * old;
            ref[pos] = x;
            recentlyLoud = x != 0 ? taps : Math.max(0, recentlyLoud - 1);
            double d = heard[i] / 32768.0;
            double e = d;
            if (recentlyLoud > 0) {
                double y = 0;
                for (int k = 0; k < taps; k++) {
                    y += w[k] * ref[(pos - k + taps) % taps];
                }
                e = d - y;
                double step = mu * e / (1e-6 + Math.max(power, 0));
                for (int k = 0; k < taps; k++) {
                    w[k] += step * ref[(pos - k + taps) % taps];
                }
            }
            pos = (pos + 1) % taps;
            out[i] = Levels.toSample(e * 32768);
        }
    }
}
