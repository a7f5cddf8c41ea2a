package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handsfree.coach.session.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real people and real rooms through the real recognizer: clips of shared/eval's real-more, copied with
 * their manifest rows into src/test/resources/real (see its SOURCES.md).
 */
final class RealAudioTest {
    private static CommandRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    static short[] clip(String name) {
        return CommandRecognizerTest.resource("/real/" + name);
    }

    private static List<Verdict> accepted(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::accepted).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"wait_013.wav, pause", "help_013.wav, help"})
    void aRealCommand_isHeard(String file, String intent) {
        List<Verdict> heard = accepted(recognizer.judgeAll(clip(file)));
        assertEquals(1, heard.size(), file + ": " + recognizer.judgeAll(clip(file)));
        assertEquals(intent, heard.get(0).intent());
        assertTrue(heard.get(0).confidence() >= CommandRecognizer.settings(java.util.Map.of()).confidence().threshold());
    }

    @Test
    void aRealBabysCry_isRejected_oneStretchByTheShareOfItPitchedHigh() {
        // A hungry baby (Donate-a-Cry): two stretches, one at a mean pitch of 340 Hz, the other 318 Hz, under
        // the pitch gate, yet three quarters of its voiced frames above 320 Hz. Both passed the gates before.
        List<Verdict> verdicts = recognizer.judgeAll(clip("baby_cry_214.wav"));
        assertTrue(verdicts.size() >= 2, "the cry is sound: " + verdicts);
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
        Verdict high = verdicts.stream().filter(v -> v.features().meanPitchHz() < 320
                && v.features().meanPitchHz() > 250).findFirst().orElseThrow(() -> new AssertionError(verdicts.toString()));
        assertTrue(high.features().highPitchFraction() > 0.6, high.features().toString());
        assertEquals("mostly pitched too high (a cry)", high.reason());
    }

    @Test
    void aRealCryThatDecodesAsACommand_isRejectedByTheCryRule() {
        // A hungry baby (Donate-a-Cry): one short wail, wholly voiced at a steady 250 Hz, under every pitch gate, that the
        // decoder hears as "done" and the confidence model accepts. The cry rule takes it for what it is.
        List<Verdict> verdicts = recognizer.judgeAll(clip("baby_cry_271.wav"), Context.COACHING);
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
        Verdict wail = verdicts.stream().filter(v -> !v.intent().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("decoded as a command: " + verdicts));
        assertEquals(CommandRecognizer.A_CRY, wail.reason());
        assertTrue(wail.confidence() >= recognizer.threshold(), "the model alone would accept it: " + wail);
    }

    @Test
    void aStretchOfRealConversation_isRejected() {
        List<Verdict> verdicts = recognizer.judgeAll(clip("speech_conversational_001.wav"));
        assertTrue(!verdicts.isEmpty(), "the conversation is sound");
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
    }

    @Test
    void aSingleRealWordThatIsNoCommand_isRejectedInCoaching() {
        // "cat", said to someone else: as the tests ask, judged where the coach spends its time. It decodes as
        // the bare number "ten", which is no phrase in coaching.
        List<Verdict> verdicts = recognizer.judgeAll(clip("oov_word_036.wav"), Context.COACHING);
        assertTrue(!verdicts.isEmpty(), "the word is sound");
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
    }
}
