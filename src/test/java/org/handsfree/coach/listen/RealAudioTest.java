package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
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
        try {
            return WavReader.read(Path.of(RealAudioTest.class.getResource("/real/" + name).toURI()));
        } catch (URISyntaxException | BadAudioException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Verdict> accepted(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::accepted).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"wait_040.wav, pause", "help_006.wav, help"})
    void aRealCommand_isHeard(String file, String intent) {
        List<Verdict> heard = accepted(recognizer.judgeAll(clip(file)));
        assertEquals(1, heard.size(), file + ": " + recognizer.judgeAll(clip(file)));
        assertEquals(intent, heard.get(0).intent());
        assertTrue(heard.get(0).confidence() >= Settings.builtIn().number("confidence.threshold"));
    }

    @Test
    void aRealBabysCry_isRejected_andSomethingWasHeardToReject() {
        List<Verdict> verdicts = recognizer.judgeAll(clip("baby_cry_003.wav"));
        assertTrue(!verdicts.isEmpty(), "the cry is sound");
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
    }

    @Test
    void aRealCry_measuresAsACry_notAsSpeech() {
        // What the cry gates look at: much of a cry is pitched above any adult voice, and it breaks and jumps.
        List<Verdict> verdicts = recognizer.judgeAll(clip("baby_cry_003.wav"));
        double high = verdicts.stream().mapToDouble(v -> v.features().highPitchFraction()).max().orElse(0);
        List<Verdict> wait = recognizer.judgeAll(clip("wait_040.wav"));
        double highWait = wait.stream().mapToDouble(v -> v.features().highPitchFraction()).max().orElse(1);
        assertTrue(high > 0.3, "cry: " + verdicts);
        assertTrue(highWait < 0.1, "wait: " + wait);
    }

    @Test
    void aStretchOfRealConversation_isRejected() {
        List<Verdict> verdicts = recognizer.judgeAll(clip("speech_conversational_001.wav"));
        assertTrue(verdicts.size() >= 2, "a conversation holds several stretches: " + verdicts);
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
    }

    @Test
    void aSingleRealWordThatIsNoCommand_isRejected() {
        List<Verdict> verdicts = recognizer.judgeAll(clip("oov_word_001.wav"));
        assertTrue(!verdicts.isEmpty(), "the word is sound");
        assertEquals(List.of(), accepted(verdicts), verdicts.toString());
    }
}
