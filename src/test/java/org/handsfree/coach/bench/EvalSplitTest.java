package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The common speaker split of the real sets, and the noise mixes of the benchmark. */
final class EvalSplitTest {

    @Test
    void fsddSpeakers_splitByName() {
        for (String tuning : new String[] {"george", "jackson", "lucas"}) {
            assertFalse(EvalSet.heldOutSource("fsdd:" + tuning), tuning);
        }
        for (String held : new String[] {"nicolas", "theo", "yweweler"}) {
            assertTrue(EvalSet.heldOutSource("fsdd:" + held), held);
        }
    }

    @Test
    void otherSources_splitByTheFirstHexDigitOfTheirSha256() {
        // sha256 starts with 2, e and 6 (printf '%s' SOURCE | sha256sum).
        assertFalse(EvalSet.heldOutSource("picovoice-s2i:0075d273-51bb-47cb-b323-4437bd0de029"));
        assertTrue(EvalSet.heldOutSource("wuw2:00030"));
        assertFalse(EvalSet.heldOutSource("an4:fash"));
        assertFalse(EvalSet.heldOutSource("wuw2:00038")); // 3416...
    }

    @Test
    void aMix_putsTheNoiseTheAskedDecibelsBelowTheVoice() {
        short[] voice = new short[16_000];
        for (int i = 0; i < voice.length; i++) {
            voice[i] = (short) Math.round(4_000 * Math.sin(2 * Math.PI * 200 * i / 16_000.0));
        }
        float[] pink = NoiseMix.pink(3, 1);
        for (int snr : new int[] {20, 10}) {
            short[] mixed = NoiseMix.mix(voice, pink, 0, snr);
            int lead = (int) (NoiseMix.LEAD_SECONDS * 16_000);
            assertEquals(lead + voice.length + (int) (NoiseMix.TAIL_SECONDS * 16_000), mixed.length);
            double noise = 0;
            for (int i = 0; i < mixed.length; i++) {
                double v = i >= lead && i < lead + voice.length ? voice[i - lead] : 0;
                noise += (mixed[i] - v) * (mixed[i] - v) / mixed.length;
            }
            double measured = 10 * Math.log10(NoiseMix.activePower(voice) / noise);
            assertEquals(snr, measured, 0.1, "SNR " + snr);
        }
    }
}
