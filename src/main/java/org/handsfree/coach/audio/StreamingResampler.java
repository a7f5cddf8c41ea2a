package org.handsfree.coach.audio;

/**
 * {@link Resampler}'s conversion a piece at a time: input is pushed as it is read, output pulled as
 * soon as every input sample it depends on has come. Gives the same samples as the whole-array
 * {@link Resampler#resample}, and keeps only the filter's width of input.
 */
final class StreamingResampler {
    private final double ratio;
    private final double cutoff;
    private final double halfWidth;
    private final boolean identity;
    private float[] buf = new float[4096];
    /** Input index of {@code buf[0]}. */
    private long bufStart;
    private int bufLen;
    private long inCount;
    private long nextOut;

    StreamingResampler(int fromRate, int toRate) {
        this.identity = fromRate == toRate;
        this.ratio = (double) toRate / fromRate;
        this.cutoff = Math.min(1.0, ratio) * 0.95;
        this.halfWidth = Resampler.HALF_TAPS / cutoff;
    }

    void push(float[] x, int n) {
        if (bufLen + n > buf.length) {
            compact();
            if (bufLen + n > buf.length) {
                float[] bigger = new float[Math.max(buf.length * 2, bufLen + n)];
                System.arraycopy(buf, 0, bigger, 0, bufLen);
                buf = bigger;
            }
        }
        System.arraycopy(x, 0, buf, bufLen, n);
        bufLen += n;
        inCount += n;
    }

    /** Pulls up to {@code max} output samples; with {@code ended}, the input has all come. */
    int pull(float[] out, int max, boolean ended) {
        int n = 0;
        long total = ended ? (long) Math.floor(inCount * ratio) : Long.MAX_VALUE;
        while (n < max && nextOut < total) {
            if (identity) {
                if (nextOut >= inCount) {
                    break;
                }
                out[n++] = buf[(int) (nextOut - bufStart)];
                nextOut++;
                continue;
            }
            double center = nextOut / ratio;
            long from = (long) Math.ceil(center - halfWidth);
            long to = (long) Math.floor(center + halfWidth);
            if (!ended && to >= inCount) {
                break;
            }
            double sum = 0;
            for (long k = Math.max(0, from); k <= Math.min(inCount - 1, to); k++) {
                double x = k - center;
                double window = 0.5 + 0.5 * Math.cos(Math.PI * x / halfWidth);
                sum += buf[(int) (k - bufStart)] * cutoff * Resampler.sinc(cutoff * x) * window;
            }
            out[n++] = (float) sum;
            nextOut++;
        }
        return n;
    }

    /** Drops input no output still to come depends on. */
    private void compact() {
        long keepFrom = identity ? nextOut : Math.max(0, (long) Math.ceil(nextOut / ratio - halfWidth) - 1);
        int drop = (int) Math.min(bufLen, Math.max(0, keepFrom - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
    }
}
