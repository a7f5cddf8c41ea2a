package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.session.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real people, a real baby and a real telephone line, in the listening contexts (clips and their
 * manifest rows in src/test/resources/audio, see SOURCES.md and real-manifest.tsv).
 */
final class ContextRecognitionTest {
    private static CommandRecognizer recognizer;
    private static CommandRecognizer addressed;

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load(CommandGrammar.builtIn(12), null);
        addressed = CommandRecognizer.load(CommandGrammar.builtIn(12), "coach");
    }

    @AfterAll
    static void close() {
        recognizer.close();
        addressed.close();
    }

    private static short[] clip(String name) throws Exception {
        return WavReader.read(Path.of(ContextRecognitionTest.class.getResource("/audio/" + name).toURI()));
    }

    /** The intents accepted in a clip, in order. */
    private static List<String> heard(CommandRecognizer r, String name, Context c) throws Exception {
        return r.recognizeAll(clip(name), c).stream().filter(h -> h instanceof Utterance)
                .map(h -> ((Utterance) h).intent().toString()).toList();
    }

    @Test
    void aCry_aConversation_andAWordSaidToSomeoneElse_areRejectedInCoaching() throws Exception {
        for (String noise : List.of("baby_cry_004.wav", "speech_conversational_001.wav", "oov_word_010.wav")) {
            List<Hearing> all = recognizer.recognizeAll(clip(noise), Context.COACHING);
            assertEquals(List.of(), all.stream().filter(h -> h instanceof Utterance).toList(), noise);
            assertEquals(true, all.stream().allMatch(h -> ((Rejection) h).context() == Context.COACHING), noise);
        }
    }

    @Test
    void aRealWaitAndHelp_areHeardInCoaching() throws Exception {
        assertEquals(List.of("pause"), heard(recognizer, "wait_013.wav", Context.COACHING));
        assertEquals(List.of("help"), heard(recognizer, "help_016.wav", Context.COACHING));
    }

    @Test
    void five_isNoCommandInCoaching_butIsInNumber() throws Exception {
        assertEquals(List.of(), heard(recognizer, "five_001.wav", Context.COACHING));
        assertEquals(List.of("number:5"), heard(recognizer, "five_001.wav", Context.NUMBER));
        // It is still heard as a five in coaching (a decoy), not bent into a command of the moment.
        Verdict v = recognizer.judgeAll(clip("five_001.wav"), Context.COACHING).get(0);
        assertEquals("five", v.text());
        assertEquals(CommandRecognizer.NOT_FOR_NOW, v.reason());
    }

    @Test
    void yesAndNo_onlyInConfirm() throws Exception {
        assertEquals(List.of("yes"), heard(recognizer, "yes_031.wav", Context.CONFIRM));
        assertEquals(List.of("no"), heard(recognizer, "no_025.wav", Context.CONFIRM));
        assertEquals(List.of(), heard(recognizer, "yes_031.wav", Context.COACHING));
        assertEquals(List.of(), heard(recognizer, "no_025.wav", Context.COACHING));
        assertEquals(List.of(), heard(recognizer, "yes_031.wav", Context.NUMBER));
    }

    @Test
    void addressedMode_ignoresABareNext_andObeysCoachNext() throws Exception {
        assertEquals(List.of("next"), heard(recognizer, "next_001.wav", Context.COACHING));
        assertEquals(List.of(), heard(addressed, "next_001.wav", Context.COACHING));
        assertEquals(CommandRecognizer.NOT_ADDRESSED, addressed.judgeAll(clip("next_001.wav"), Context.COACHING).get(0).reason());
        assertEquals(List.of("next"), heard(addressed, "coach_next_flite-rms.wav", Context.COACHING));
        // Without addressed mode, "coach, next" is a plain "next".
        assertEquals(List.of("next"), heard(recognizer, "coach_next_flite-rms.wav", Context.COACHING));
    }

    @Test
    void anAddressWordTheGrammarLacks_isRefused() {
        assertEquals("the address word must be one of coach, helper, trainer, assistant, got 'hey'",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> CommandRecognizer.load(CommandGrammar.builtIn(12), "hey")).getMessage());
    }
}
