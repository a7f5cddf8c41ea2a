package org.handsfree.coach.audio;

/**
 * Band-limited sample-rate conversion: a Hann-windowed sinc low-pass at the lower of the two
 * Nyquist frequencies, so downsampling doesn't alias and upsampling doesn't image.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side. */
    static final int HALF_TAPS = 16;

    private Resampler() {
    }

    public static float[] resample(float[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in.clone();
        }
        double ratio = (double) toRate / fromRate;
        double cutoff = Math.min(1.0, ratio) * 0.95;
        int outLen = (int) Math.floor(in.length * ratio);
        float[] out = new float[outLen];
        double halfWidth = HALF_TAPS / cutoff;
        for (int n = 0; n < outLen; n++) {
            double center = n / ratio;
            int from = (int) Math.ceil(center - halfWidth);
            int to = (int) Math.floor(center + halfWidth);
            double sum = 0;
            for (int k = Math.max(0, from); k <= Math.min(in.length - 1, to); k++) {
                double x = k - center;
                double window = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
                sum += in[k] * cutoff * sinc(cutoff * x) * window;
            }
            out[n] = (float) sum;
        }
        return out;
    }

    /**
     * {@code pcm} as it comes back from a channel that samples at {@code channelRate} (lower than
     * {@code rate}): nothing left above the channel's Nyquist frequency; the same length.
     */
    public static short[] throughChannel(short[] pcm, int rate, int channelRate) {
        float[] x = new float[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i];
        }
        float[] back = resample(resample(x, rate, channelRate), channelRate, rate);
        short[] out = new short[pcm.length];
        for (int i = 0; i < out.length && i < back.length; i++) {
            out[i] = Levels.toSample(back[i]);
        }
        return out;
    }

    static double sinc(double x) {
        if (Math.abs(x) < 1e-9) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }
}
