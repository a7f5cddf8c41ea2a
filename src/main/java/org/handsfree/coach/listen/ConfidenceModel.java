package org.handsfree.coach.listen;

/**
 * Turns what was measured of a stretch into a confidence in [0, 1] that it is the command the
 * grammar heard: a logistic model whose weights are fitted on training audio (see
 * {@code acoustic/README.md}) and stored in {@code acoustic/rejection.properties}.
 */
public final class ConfidenceModel {
    /** Inputs, in order. */
    public static final String[] FEATURES = {"gap", "voicedSeconds", "snrDb", "flatness", "voicedFraction",
        "pitchSteadiness", "longestVoicedSeconds", "words", "meanPitchHz", "highBandDb", "pitchJumps",
        "highPitchFraction", "harmonicity", "quietBeforeSeconds"};

    /** Largest phone-loop gap per frame (Sphinx4 log units) the model sees. */
    static final double MAX_GAP = 40_000;

    private final double bias;
    private final double[] weights;
    private final double[] means;
    private final double[] scales;
    /** The range of each input seen in the fit's examples: an input beyond it counts as its edge. */
    private final double[] lows;
    private final double[] highs;

    /** A model with no range on its inputs. */
    ConfidenceModel(double bias, double[] weights, double[] means, double[] scales) {
        this(bias, weights, means, scales, filled(weights.length, Double.NEGATIVE_INFINITY),
                filled(weights.length, Double.POSITIVE_INFINITY));
    }

    /**
     * @param lows, highs each input is clipped to [low, high] before it is weighed, so a stretch unlike any the model
     *     was fitted on (a 10 s conversation, an odd level, a pitch-steadiness outlier) cannot push the confidence
     *     further than the most extreme example did
     */
    ConfidenceModel(double bias, double[] weights, double[] means, double[] scales, double[] lows, double[] highs) {
        this.bias = bias;
        this.weights = weights.clone();
        this.means = means.clone();
        this.scales = scales.clone();
        this.lows = lows.clone();
        this.highs = highs.clone();
        for (int i = 0; i < lows.length; i++) {
            if (!(lows[i] <= highs[i])) {
                throw new IllegalArgumentException("the range of " + FEATURES[i] + " is empty: " + lows[i] + " to "
                        + highs[i]);
            }
        }
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** {@code x} clipped to the range the model was fitted on. */
    double[] clipped(double[] x) {
        double[] c = x.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(lows[i], Math.min(highs[i], c[i]));
        }
        return c;
    }

    static double[] inputs(Verdict v) {
        SoundFeatures f = v.features();
        // A stretch the phone loop did not score (rejected already) counts as the worst fit. The cap sits above
        // what speech reaches (commands in the training audio: median 7,600, 95th percentile 17,500; other speech
        // decoded as a command: median 14,400, up to 34,000), so the range that tells them apart is kept.
        double gap = Double.isFinite(v.gapPerFrame()) ? Math.min(v.gapPerFrame(), MAX_GAP) : MAX_GAP;
        return new double[] {gap, f.voicedSeconds(), f.snrDb(), f.flatness(),
            f.voicedFraction(), f.pitchSteadiness(), f.longestVoicedSeconds(),
            v.text().isEmpty() ? 0 : v.text().split(" ").length, f.meanPitchHz(), f.highBandDb(), f.pitchJumps(),
            f.highPitchFraction(), f.harmonicity(), f.quietBeforeSeconds()};
    }

    double confidence(double[] x) {
        double z = bias;
        double[] c = clipped(x);
        for (int i = 0; i < c.length; i++) {
            z += weights[i] * (c[i] - means[i]) / scales[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
