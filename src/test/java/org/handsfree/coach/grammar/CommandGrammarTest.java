package org.handsfree.coach.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Intent.Kind;
import org.junit.jupiter.api.Test;

final class CommandGrammarTest {
    private final CommandGrammar grammar = CommandGrammar.builtIn();

    @Test
    void everyEvalPhrase_mapsToItsIntent() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/eval/phrases.tsv")) {
            String tsv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int n = 0;
            for (String line : tsv.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertEquals(Optional.of(Intent.parse(cols[1])), grammar.intentOf(cols[0]), cols[0]);
                n++;
            }
            assertEquals(26, n);
        }
    }

    @Test
    void everyIntentKind_hasSeveralPhrasings() {
        Map<Kind, Long> counts = grammar.phrases().values().stream()
                .collect(Collectors.groupingBy(Intent::kind, Collectors.counting()));
        assertEquals(EnumSet.allOf(Kind.class), counts.keySet());
        counts.forEach((kind, n) -> assertTrue(n >= 3, kind + " has only " + n + " phrasings"));
    }

    @Test
    void numbers_aloneAsStepAndGoToStep() {
        String[] words = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve"};
        for (int n = 0; n <= 12; n++) {
            assertEquals(Optional.of(Intent.of(Kind.NUMBER, n)), grammar.intentOf(words[n]));
            assertEquals(Optional.of(Intent.of(Kind.GOTO, n)), grammar.intentOf("step " + words[n]));
            assertEquals(Optional.of(Intent.of(Kind.GOTO, n)), grammar.intentOf("go to step " + words[n]));
        }
    }

    @Test
    void designPhrasings_arePresent() {
        for (String p : Set.of("next", "next step", "continue", "done")) {
            assertEquals(Optional.of(Intent.of(Kind.NEXT)), grammar.intentOf(p), p);
        }
        for (String p : Set.of("resume", "go on", "go", "carry on")) {
            assertEquals(Optional.of(Intent.of(Kind.RESUME)), grammar.intentOf(p), p);
        }
        for (String p : Set.of("yes", "yeah")) {
            assertEquals(Optional.of(Intent.of(Kind.YES)), grammar.intentOf(p), p);
        }
        for (String p : Set.of("no", "nope")) {
            assertEquals(Optional.of(Intent.of(Kind.NO)), grammar.intentOf(p), p);
        }
        for (String p : Set.of("i'm done", "finish", "end session", "quit")) {
            assertEquals(Optional.of(Intent.of(Kind.QUIT)), grammar.intentOf(p), p);
        }
    }

    @Test
    void typedText_ignoresCasePunctuationAndDigits() {
        assertEquals(Optional.of(Intent.of(Kind.GOTO, 5)), grammar.interpretTyped("  Go to step 5! "));
        assertEquals(Optional.of(Intent.of(Kind.TIME_LEFT)), grammar.interpretTyped("How much time is left?"));
        assertEquals(Optional.of(Intent.of(Kind.QUIT)), grammar.interpretTyped("I’m done"));
        assertEquals(Optional.empty(), grammar.interpretTyped("make me a sandwich"));
    }

    @Test
    void aPhraseWithTwoIntents_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandGrammar.parse("""
                #JSGF V1.0;
                grammar g;
                public <c> = <a> | <b>;
                <a> = (stop) {stop};
                <b> = (stop) {pause};
                """));
        assertEquals("phrase 'stop' means both stop and pause", e.getMessage());
    }

    @Test
    void malformedGrammar_saysWhatIsWrong() {
        assertEquals("grammar refers to <nope>, which is not defined", assertThrows(IllegalArgumentException.class,
                () -> CommandGrammar.parse("grammar g; public <c> = <nope> {next};")).getMessage());
        assertEquals("phrase 'hello' has no intent tag", assertThrows(IllegalArgumentException.class,
                () -> CommandGrammar.parse("grammar g; public <c> = hello;")).getMessage());
        assertEquals("unknown intent 'fly'", assertThrows(IllegalArgumentException.class,
                () -> CommandGrammar.parse("grammar g; public <c> = fly {fly};")).getMessage().replace("phrase 'fly': ", ""));
    }

    @Test
    void coaching_hasNoBareNumbersAndNoYesOrNo() {
        Map<String, Intent> coaching = CommandGrammar.builtIn(12).phrases(Context.COACHING);
        for (Intent i : coaching.values()) {
            assertTrue(i.kind() != Kind.NUMBER && i.kind() != Kind.YES && i.kind() != Kind.NO, i.toString());
        }
        assertEquals(Intent.of(Kind.GOTO, 5), coaching.get("step five"));
        assertEquals(Intent.of(Kind.GOTO, 12), coaching.get("go to step twelve"));
        assertEquals(Intent.parse("goto"), coaching.get("go to step"));
        assertEquals(Intent.of(Kind.UNDO), coaching.get("that's wrong"));
        assertEquals(Intent.of(Kind.UNDO), coaching.get("no go back"));
    }

    @Test
    void confirm_isYesNoAndAFewCommands() {
        Map<String, Intent> confirm = CommandGrammar.builtIn(12).phrases(Context.CONFIRM);
        Set<Kind> kinds = confirm.values().stream().map(Intent::kind).collect(Collectors.toSet());
        assertEquals(EnumSet.of(Kind.YES, Kind.NO, Kind.STOP, Kind.REPEAT, Kind.HELP, Kind.UNDO), kinds);
    }

    @Test
    void number_holdsTheRoutinesNumbers_andNoMore() {
        CommandGrammar g = CommandGrammar.builtIn(30);
        Map<String, Intent> number = g.phrases(Context.NUMBER);
        assertEquals(Intent.of(Kind.NUMBER, 5), number.get("five"));
        assertEquals(Intent.of(Kind.NUMBER, 21), number.get("twenty one"));
        assertEquals(Intent.of(Kind.NUMBER, 30), number.get("thirty"));
        assertEquals(Intent.of(Kind.GOTO, 30), number.get("step thirty"));
        assertEquals(Optional.empty(), g.intentOf("zero"));
        assertEquals(Optional.empty(), g.intentOf("thirty one"));
        assertEquals(Optional.of(Intent.of(Kind.GOTO, 25)), g.interpretTyped("go to step 25"));
        CommandGrammar twelve = CommandGrammar.builtIn(12);
        assertEquals(Optional.empty(), twelve.intentOf("thirteen"));
        assertEquals(Optional.of(Intent.of(Kind.NUMBER, 12)), twelve.intentOf("twelve", Context.NUMBER));
        assertEquals(Optional.empty(), twelve.intentOf("twelve", Context.COACHING));
    }

    @Test
    void stepsBeyondWhatCanBeSaid_areAnError() {
        assertEquals("a routine of 100 steps: steps can be numbered by voice from 1 to 99",
                assertThrows(IllegalArgumentException.class, () -> CommandGrammar.builtIn(100)).getMessage());
    }

    @Test
    void decoderGrammar_listsEveryRuleOnce_withTheAddressOptionalInFront() {
        String jsgf = CommandGrammar.builtIn(12).decoderGrammar("coach");
        assertEquals(1, jsgf.split("public ", -1).length - 1, jsgf);
        String heard = jsgf.lines().filter(l -> l.startsWith("public <heard>")).findFirst().orElseThrow();
        assertTrue(heard.startsWith("public <heard> = [coach] ("), heard);
        for (String rule : List.of("<next>", "<stop>", "<yes>", "<bareNumber>", "<stepNumber>", "<undo>")) {
            assertEquals(1, heard.split(rule, -1).length - 1, rule + " in " + heard);
        }
        assertEquals(List.of("coach", "helper", "trainer", "assistant"), CommandGrammar.builtIn().addressWords());
    }

    @Test
    void aRuleDefinedTwice_isAnError() {
        assertEquals("rule <a> is defined twice", assertThrows(IllegalArgumentException.class,
                () -> CommandGrammar.parse("grammar g; public <c> = <a>; <a> = go {next}; <a> = stop {stop};")).getMessage());
    }
}
