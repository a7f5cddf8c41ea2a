package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.time.SampleTime;
import org.junit.jupiter.api.Test;

final class SelfHearingTest {
    private static final int FRAME = SampleTime.FRAME;

    /** The coach audible from 1.0 s to 1.5 s, silent otherwise, up to 4 s. */
    private static SelfHearing spokeFromOneToOneAndAHalfSeconds() {
        SelfHearing self = SelfHearing.builtIn();
        short[] voice = new short[FRAME];
        Arrays.fill(voice, (short) 3000);
        short[] silence = new short[FRAME];
        for (long t = 0; t < SampleTime.ofSeconds(4); t += FRAME) {
            self.played(t >= SampleTime.ofSeconds(1) && t < SampleTime.ofSeconds(1.5) ? voice : silence, t);
        }
        return self;
    }

    private static Utterance next(double confidence, double fromSeconds, double toSeconds) {
        return new Utterance("next", Intent.of(Intent.Kind.NEXT), confidence, SampleTime.ofSeconds(fromSeconds),
                SampleTime.ofSeconds(toSeconds));
    }

    @Test
    void anUnsureCommandOverOrJustAfterTheCoachsVoice_isItsOwn_aConfidentOneOrOneInQuietIsNot() {
        SelfHearing self = spokeFromOneToOneAndAHalfSeconds();
        long now = SampleTime.ofSeconds(4);
        assertTrue(self.selfHeard(next(0.5, 1.2, 1.8), now), "over the coach's voice, 0.5 < 0.6");
        assertFalse(self.selfHeard(next(0.7, 1.2, 1.8), now), "confident enough over it");
        // Within self.tailMs (300 ms) of the coach falling silent at 1.5 s, but not beyond it.
        assertTrue(self.selfHeard(next(0.5, 1.75, 2.2), now));
        assertFalse(self.selfHeard(next(0.5, 1.85, 2.2), now));
        assertFalse(self.selfHeard(next(0.1, 2.5, 3.0), now), "in quiet any confidence is the user's");
    }

    @Test
    void aFrameIsSoundOnlyTheMarginAboveTheCoachsVoiceLeftInIt() {
        SelfHearing self = SelfHearing.builtIn();
        double margin = CommandRecognizer.settings(java.util.Map.of()).self().echoMarginDb();
        assertEquals(6, margin);
        assertTrue(self.aboveOwnVoice(-30, -36.5));
        assertFalse(self.aboveOwnVoice(-30, -35.5));
        assertTrue(self.aboveOwnVoice(-80, Double.NEGATIVE_INFINITY), "no voice of its own left: anything is sound");
    }
}
