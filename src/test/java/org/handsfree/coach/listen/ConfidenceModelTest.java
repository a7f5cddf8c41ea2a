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
}
