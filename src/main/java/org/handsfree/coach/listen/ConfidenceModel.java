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

    ConfidenceModel(double bias, double[] weights, double[] means, double[] scales) {
        this.bias = bias;
        this.weights = weights.clone();
        this.means = means.clone();
        this.scales = scales.clone();
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
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * (x[i] - means[i]) / scales[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
