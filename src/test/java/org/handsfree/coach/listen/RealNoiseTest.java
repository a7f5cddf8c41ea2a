package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handsfree.coach.session.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real "wait" (a telephone call of WUW Corpus II) over real vinyl hiss and crackle, through the recognizer as
 * shipped: heard at 20 dB below the voice; at 10 dB not acted on, and the coach asks again.
 */
final class RealNoiseTest {
    private static CommandRecognizer recognizer;
    private static final short[] WAIT = RealNoise.clip("wait_013.wav");
    private static final short[] HISS = RealNoise.clip("noise_misc_014.wav");

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    private static List<Verdict> judged(double snrDb) {
        return recognizer.judgeAll(RealNoise.mix(WAIT, HISS, snrDb), Context.COACHING, RealNoise.SETTLE_SAMPLES);
    }

    @Test
    void aRealCommand_20dBOverRealNoise_isHeardRight() {
        List<Verdict> v = judged(20);
        assertEquals(List.of("pause"), v.stream().filter(Verdict::accepted).map(Verdict::intent).toList(), v.toString());
        assertTrue(v.get(0).features().snrDb() >= recognizer.noise().minSnrDb(), v.toString());
    }

    @Test
    void theSameCommand_10dBOverTheNoise_isNotActedOn_butAskedAgain() {
        List<Verdict> v = judged(10);
        assertEquals(List.of(), v.stream().filter(Verdict::accepted).toList(), v.toString());
        // It decodes to a coaching command with high confidence, but stands too little over the hiss to be sure of.
        Verdict wait = v.stream().filter(x -> x.reason().equals(CommandRecognizer.TOO_NOISY)).findFirst()
                .orElseThrow(() -> new AssertionError(v.toString()));
        assertTrue(wait.confidence() >= recognizer.threshold(), wait.toString());
        assertTrue(wait.features().snrDb() < recognizer.noise().minSnrDb(), wait.features().toString());
        assertEquals(Rejection.Kind.UNCLEAR, ((Rejection) CommandRecognizer.hearing(wait, Context.COACHING)).kind());
    }

    @Test
    void theCleanCommand_standsFarAboveTheNoiseGate_andIsHeard() {
        List<Verdict> v = recognizer.judgeAll(WAIT, Context.COACHING);
        assertEquals(List.of("pause"), v.stream().filter(Verdict::accepted).map(Verdict::intent).toList(), v.toString());
        assertTrue(v.get(0).features().snrDb() > recognizer.noise().minSnrDb() + 15, v.toString());
    }
}
