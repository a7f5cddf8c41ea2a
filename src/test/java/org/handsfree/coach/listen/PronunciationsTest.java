package org.handsfree.coach.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's own pronunciations, found on real takes of one FSDD speaker (src/test/resources/enroll). */
final class PronunciationsTest {
    private static CommandRecognizer recognizer;
    private static VoiceProfile profile;
    private static Map<String, List<List<String>>> found;
    private static final List<String> report = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void find() throws Exception {
        recognizer = CommandRecognizer.load();
        List<Enrolment.Take> takes = new ArrayList<>();
        for (int d : new int[] {2, 3, 6}) {
            for (int t = 3; t <= 5; t++) {
                takes.add(new Enrolment.Take(EnrolmentTest.clip(d + "_george_" + t + ".wav"), "number:" + d));
            }
        }
        profile = Enrolment.build(recognizer, takes, Enrolment.Options.standard());
        found = Pronunciations.find(recognizer, takes, profile, 0, report::add);
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void aWordTheTakesSaySoOf_getsAPronunciationTheDictionaryDoesNotHave_chosenOnTakesItWasNotMadeFrom() {
        assertEquals(3, Pronunciations.lastFound().size(), String.join("\n", report));
        assertFalse(found.isEmpty(), String.join("\n", report));
        for (Pronunciations.Found f : Pronunciations.lastFound()) {
            List<List<String>> standard = recognizer.decoder().pronunciationsOf(f.word());
            if (!f.kept()) {
                assertFalse(found.containsKey(f.word()));
                continue;
            }
            assertEquals(List.of(f.variant()), found.get(f.word()));
            assertFalse(standard.contains(f.variant()), f.describe());
            // It fits the takes better than every pronunciation of the dictionary, also where it was not chosen.
            assertTrue(f.gain() > 0 && f.heldOutGain() > 0, f.describe());
        }
        // Each report line names the word, the dictionary's pronunciation and what was found.
        assertTrue(report.stream().anyMatch(l -> l.startsWith("three: th r iy -> ")), String.join("\n", report));
    }

    @Test
    void theFoundPronunciations_roundTripInTheProfile_andTheGrammarIsCompiledWithThemWhenItIsUsed() throws Exception {
        VoiceProfile with = profile.withPronunciations(found);
        Path f = dir.resolve("p.profile");
        with.write(f);
        VoiceProfile back = VoiceProfile.read(f);
        assertEquals(found, back.pronunciations());
        assertEquals(with, back);
        recognizer.useProfile(back);
        try {
            double[] compiled = recognizer.awaitPronunciations();
            assertTrue(compiled[0] > 0 && compiled[1] > 0, "compiled in " + compiled[0] + " ms");
        } finally {
            recognizer.useProfile(null);
        }
    }

    @Test
    void candidates_areTheTakesPhones_andTheEditsMostTakesAgreeOn_neverTheDictionarysOwn() {
        List<List<String>> standard = List.of(List.of("F", "AY", "V"));
        List<List<String>> heard = List.of(List.of("F", "AY"), List.of("AY", "IY"), List.of("F", "AY", "B"),
                List.of("F", "AY", "V"));
        var c = Pronunciations.candidates(standard, heard, List.of(0, 1, 2, 3));
        // V was not heard as V by three of four takes, but they do not agree on what: only the phone strings.
        assertEquals(List.of(List.of("F", "AY"), List.of("AY", "IY"), List.of("F", "AY", "B")), List.copyOf(c));
        var agreed = Pronunciations.candidates(standard, List.of(List.of("F", "AY"), List.of("P", "AY"),
                List.of("F", "AY", "N")), List.of(0, 1));
        // Two of two takes left V out: that edit alone, and the takes' own strings.
        assertTrue(agreed.contains(List.of("F", "AY")), agreed.toString());
        assertTrue(agreed.contains(List.of("P", "AY")), agreed.toString());
        assertFalse(agreed.contains(List.of("F", "AY", "N")), agreed.toString());
    }
}
