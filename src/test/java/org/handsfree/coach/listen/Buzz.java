package org.handsfree.coach.listen;

/** Voice-like test sounds: six harmonics falling off as 1/h, with a pitch that swings around its centre. */
final class Buzz {
    private static final int RATE = 16_000;

    private Buzz() {
    }

    /**
     * {@code samples} of a buzz whose pitch is {@code centreHz} plus {@code swingHz} times a sine at
     * {@code swingRateHz}, at {@code amplitude} (16-bit units) for the fundamental.
     */
    static short[] of(int samples, double centreHz, double swingHz, double swingRateHz, double amplitude) {
        short[] pcm = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double f0 = centreHz + swingHz * Math.sin(2 * Math.PI * swingRateHz * i / RATE);
            phase += 2 * Math.PI * f0 / RATE;
            double x = 0;
            for (int h = 1; h <= 6; h++) {
                x += Math.sin(h * phase) / h;
            }
            pcm[i] = (short) Math.round(amplitude * x);
        }
        return pcm;
    }
}
