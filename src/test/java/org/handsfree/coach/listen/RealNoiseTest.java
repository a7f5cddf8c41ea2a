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
 * shipped: at 20 dB below the voice it decodes right and is never taken for another command; at 10 dB it is not
 * acted on, and the coach asks again. (With the confidence refitted on real sound, session 9, this clip's 20 dB
 * mix scores 0.09 and is asked again rather than heard: the noise lowers the confidence, as issue 14 asks.)
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
    void aRealCommand_20dBOverRealNoise_decodesRight_andIsNeverAnotherCommand() {
        List<Verdict> v = judged(20);
        assertEquals(1, v.size(), v.toString());
        Verdict wait = v.get(0);
        assertEquals("pause", wait.intent(), wait.toString());
        assertTrue(wait.features().snrDb() >= recognizer.noise().minSnrDb(), wait.toString());
        // Heard, or asked again: never acted on as something else.
        assertTrue(wait.accepted() || CommandRecognizer.hearing(wait, Context.COACHING) instanceof Rejection r
                && r.kind() == Rejection.Kind.UNCLEAR, wait.toString());
    }

    @Test
    void theSameCommand_10dBOverTheNoise_isNotActedOn_butAskedAgain() {
        List<Verdict> v = judged(10);
        assertEquals(List.of(), v.stream().filter(Verdict::accepted).toList(), v.toString());
        // It decodes to a coaching command, but stands too little over the hiss to be sure of: it is rejected as
        // unclear (its confidence is low, and were it not, the level gate would hold it back), and the coach asks again.
        Verdict wait = v.stream().filter(x -> "pause".equals(x.intent())).findFirst()
                .orElseThrow(() -> new AssertionError(v.toString()));
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
