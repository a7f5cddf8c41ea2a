package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fitted confidence model in acoustic/rejection.properties. */
final class ConfidenceModelTest {
    private final RecognizerSettings.Confidence settings = CommandRecognizer.settings(Map.of()).confidence();
    private final ConfidenceModel model = settings.model();

    /** A typical two-word command stretch: inputs in the order of {@link ConfidenceModel#FEATURES}. */
    private static double[] command(double gap) {
        return new double[] {gap, 0.8, 60, 0.08, 0.55, 0.1, 0.18, 2};
    }

    @Test
    void aWorseFitToTheGrammar_lowersTheConfidence_alsoBeyondWhatCommandsReach() {
        double typical = model.confidence(command(7_000));
        double poor = model.confidence(command(15_000));
        double worst = model.confidence(command(ConfidenceModel.MAX_GAP));
        assertTrue(typical > poor && poor > worst, typical + " > " + poor + " > " + worst);
        double threshold = settings.threshold();
        assertTrue(typical >= threshold, "a typical command is accepted: " + typical);
        assertTrue(worst < threshold, "speech that fits no command is not: " + worst);
    }

    @Test
    void aStretchThePhoneLoopDidNotScore_countsAsTheWorstFit() {
        Verdict unscored = new Verdict(0, 100, "next", "next", false, Double.NaN,
                new SoundFeatures(0.5, 60, 0.08, 0.5, 0.1, 0.2, 120, -20), 0, false, "");
        assertEquals(ConfidenceModel.MAX_GAP, unscored.inputs()[0]);
    }

    @Test
    void anInputBeyondTheFittedRange_countsAsItsEdge() {
        int n = ConfidenceModel.FEATURES.length;
        double[] weights = new double[n];
        weights[1] = -1;  // voicedSeconds: longer is less like a command
        double[] lows = new double[n];
        double[] highs = new double[n];
        java.util.Arrays.fill(lows, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(highs, Double.POSITIVE_INFINITY);
        lows[1] = 0.2;
        highs[1] = 3;
        ConfidenceModel m = new ConfidenceModel(1, weights, new double[n], filled(n, 1), lows, highs);
        double atEdge = m.confidence(with(n, 1, 3));
        assertEquals(atEdge, m.confidence(with(n, 1, 10)), 1e-12, "a 10 s stretch is weighed as a 3 s one");
        assertEquals(m.confidence(with(n, 1, 0.2)), m.confidence(with(n, 1, 0.01)), 1e-12);
        assertTrue(m.confidence(with(n, 1, 1)) > atEdge, "inside the range the input still counts");
        ConfidenceModel unbounded = new ConfidenceModel(1, weights, new double[n], filled(n, 1));
        assertTrue(unbounded.confidence(with(n, 1, 10)) < atEdge, "without a range it would extrapolate");
    }

    @Test
    void theCryRule_takesOnlyAWhollyVoicedSteadyHighStretch() {
        RecognizerSettings.CryRule cry = new RecognizerSettings.CryRule(220, 0.99, 0.1);
        // voicedSeconds, snrDb, flatness, voicedFraction, pitchSteadiness, longestVoiced, meanPitchHz, highBandDb
        assertTrue(cry.matches(new SoundFeatures(0.3, 59, 0.002, 1, 0, 0.3, 250, -64)));
        assertTrue(!cry.matches(new SoundFeatures(0.3, 59, 0.002, 1, 0, 0.3, 210, -64)), "an adult's pitch");
        assertTrue(!cry.matches(new SoundFeatures(0.3, 59, 0.002, 0.9, 0, 0.3, 250, -64)), "partly unvoiced");
        assertTrue(!cry.matches(new SoundFeatures(0.3, 59, 0.002, 1, 0.3, 0.3, 250, -64)), "a moving pitch");
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double[] with(int n, int i, double v) {
        double[] a = new double[n];
        a[i] = v;
        return a;
    }
}
