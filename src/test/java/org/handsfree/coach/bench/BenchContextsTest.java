package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.RecognizerSettings;
import org.handsfree.coach.listen.SoundFeatures;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.session.Context;
import org.junit.jupiter.api.Test;

/** How bench recognition counts one decode in every context and in addressed mode. */
final class BenchContextsTest {
    private static final CommandGrammar GRAMMAR = CommandGrammar.builtIn(RecognitionBenchmark.STEPS);
    private static final RecognitionBenchmark.Judge JUDGE = new RecognitionBenchmark.Judge(GRAMMAR, 0.5,
            RecognitionBenchmark.intentsByContext(GRAMMAR));
    private static final SoundFeatures SOUND = new SoundFeatures(0.5, 40, 0.05, 0.5, 0.2, 0.3, 120, -20);

    private static Verdict heard(String text, double confidence, String reason) {
        String intent = GRAMMAR.intentOf(text).map(Object::toString).orElse("");
        return new Verdict(0, 8000, text, intent, false, 5000, SOUND, confidence, reason.equals("accepted"), reason);
    }

    private static RecognitionBenchmark.Outcome outcome(String expected, Verdict... verdicts) {
        EvalSet.Clip clip = new EvalSet.Clip(Path.of("x.wav"), expected, "s", true, false, expected.isEmpty() ? "oov_word" : "command");
        return new RecognitionBenchmark.Outcome(clip, "real-more", List.of(verdicts), JUDGE);
    }

    private static RecognitionBenchmark.Listening in(Context c) {
        return RecognitionBenchmark.CONTEXTS.stream().filter(l -> l.context() == c && !l.addressed()).findFirst().orElseThrow();
    }

    @Test
    void aCommandsOwnContext_isTheFirstThatActsOnItsIntent() {
        var intents = JUDGE.intents();
        assertEquals(Context.COACHING, RecognitionBenchmark.ownContext("next", intents));
        assertEquals(Context.CONFIRM, RecognitionBenchmark.ownContext("yes", intents));
        assertEquals(Context.NUMBER, RecognitionBenchmark.ownContext("number:5", intents));
        assertEquals(Context.COACHING, RecognitionBenchmark.ownContext("", intents));
        assertNull(RecognitionBenchmark.ownContext("number:0", intents), "no step is numbered zero");
    }

    @Test
    void aBareFive_isRightInNumber_aFalseAcceptNowhereElse() {
        RecognitionBenchmark.Outcome five = outcome("number:5", heard("five", 0.9, "accepted"));
        assertEquals(0, five.result(RecognitionBenchmark.OWN));
        assertEquals(0, five.result(in(Context.NUMBER)));
        assertFalse(five.counts(in(Context.COACHING)), "a number is not a coaching command");
        // The same "five" heard in a clip that holds no command: a decoy in coaching, a false accept in number.
        RecognitionBenchmark.Outcome word = outcome("", heard("five", 0.9, "accepted"));
        assertEquals(0, word.result(in(Context.COACHING)));
        assertEquals(0, word.result(RecognitionBenchmark.OWN));
        assertEquals(2, word.result(in(Context.NUMBER)));
        assertEquals(2, word.result(RecognitionBenchmark.ALL));
    }

    @Test
    void theThreshold_andTheAddressWord_decide() {
        RecognitionBenchmark.Outcome unsure = outcome("next", heard("next", 0.4, "low confidence"));
        assertEquals(1, unsure.result(RecognitionBenchmark.OWN));
        RecognitionBenchmark.Outcome wrong = outcome("next", heard("go back", 0.7, "accepted"));
        assertEquals(2, wrong.result(RecognitionBenchmark.OWN));
        RecognitionBenchmark.Outcome bare = outcome("", heard("next", 0.9, "not addressed"));
        assertEquals(2, bare.result(in(Context.COACHING)));
        assertEquals(0, bare.result(RecognitionBenchmark.ADDRESSED));
        RecognitionBenchmark.Outcome called = outcome("", heard("next", 0.9, "accepted"));
        assertEquals(2, called.result(RecognitionBenchmark.ADDRESSED));
        assertFalse(outcome("next").counts(RecognitionBenchmark.ADDRESSED), "command clips carry no address word");
        assertTrue(outcome("next").counts(RecognitionBenchmark.OWN));
        assertEquals(1, outcome("next").result(RecognitionBenchmark.OWN), "nothing heard is a rejection");
    }

    @Test
    void aSteadyHighWail_isNoFalseAccept_whenTheCryRuleIsCounted_asTheRecognizerDoes() {
        // A wholly voiced wail at a steady 293 Hz, decoded as "where am i" with high confidence.
        SoundFeatures wail = new SoundFeatures(0.8, 40, 0.05, 1.0, 0.0, 0.8, 293, -20);
        String intent = GRAMMAR.intentOf("where am i").map(Object::toString).orElseThrow();
        Verdict v = new Verdict(0, 8000, "where am i", intent, false, 5000, wail, 0.95, false, "a steady high voice (a cry)");
        assertEquals(intent, JUDGE.actsOn(v, in(Context.COACHING), ""), "without the rule it would act");
        RecognitionBenchmark.Judge withCry = new RecognitionBenchmark.Judge(GRAMMAR, 0.5, JUDGE.intents(),
                Double.NEGATIVE_INFINITY, new RecognizerSettings.CryRule(220, 0.99, 0.1));
        assertEquals("", withCry.actsOn(v, in(Context.COACHING), ""));
        assertEquals("(" + intent + ", a cry)", withCry.describe(v, ""));
        // A man's steady "where am i" at 120 Hz is no cry.
        Verdict man = new Verdict(0, 8000, "where am i", intent, false, 5000,
                new SoundFeatures(0.8, 40, 0.05, 1.0, 0.0, 0.8, 120, -20), 0.95, true, "accepted");
        assertEquals(intent, withCry.actsOn(man, in(Context.COACHING), ""));
    }
}
