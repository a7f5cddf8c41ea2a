package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real narrowband speech through the built-in channel transform, and without it. */
final class NarrowbandTest {
    private static List<String> heard(CommandRecognizer r, String clip) {
        return r.judgeAll(CommandRecognizerTest.clip(clip)).stream().filter(Verdict::accepted).map(Verdict::intent)
                .toList();
    }

    @Test
    void realDigitsFromAnEightKilohertzRecording_areHeardRightOnlyThroughTheNarrowbandTransform() {
        try (CommandRecognizer r = CommandRecognizer.load()) {
            // FSDD speakers whose recordings the transform never saw (it was made from other people's speech).
            assertEquals(List.of("number:6"), heard(r, "six_004.wav"));
            assertEquals(List.of("number:9"), heard(r, "nine_002.wav"));
            // A wideband command is decoded with the model as it is, and is still right.
            assertEquals(List.of("next"), heard(r, "cmd_001_flite-rms.wav"));

            r.transform(Mllr.identity(3, 13));
            assertNotEquals(List.of("number:6"), heard(r, "six_004.wav"));
            assertNotEquals(List.of("number:9"), heard(r, "nine_002.wav"));
        }
    }
}
