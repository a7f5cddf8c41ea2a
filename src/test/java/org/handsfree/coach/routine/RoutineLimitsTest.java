package org.handsfree.coach.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long or absurd routines end in a one-line error with file and line, quickly, never in running out of memory. */
final class RoutineLimitsTest {
    @TempDir
    Path dir;

    private static RoutineException error(String yaml) {
        return assertThrows(RoutineException.class, () -> RoutineLoader.parse("my.yaml", yaml));
    }

    @Test
    void aStepOf100kB_isOneLine_withItsLine() {
        String words = "Press gently and breathe. ".repeat(4000);
        RoutineException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> error("title: T\nsteps:\n  - say: a\n  - say: " + words + "\n"));
        assertEquals("my.yaml:4: step 2: say is " + words.strip().length()
                + " characters long; at most 4000 (about four minutes of speech): split it into steps", e.getMessage());
    }

    @Test
    void aHundredThousandLetterWord_isOneLine() {
        RoutineException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> error("title: T\nsteps:\n  - say: " + "a".repeat(3000) + "\n"));
        assertEquals("my.yaml:3: step 1: say has a word of 3000 letters ('aaaaaaaaaaaa...'); at most 40", e.getMessage());
    }

    @Test
    void anAbsurdHold_isRefused_notReadAsZero() {
        RoutineException e = error("title: T\nsteps:\n  - say: a\n    hold: 9999999999999999999999 min\n");
        assertEquals("my.yaml:4: step 1: hold can be at most 4 hours, got '9999999999999999999999 min'", e.getMessage());
    }

    @Test
    void yamlNulls_areEmpty_neverReadAloudAsNullOrTilde() {
        assertEquals("my.yaml:3: step 1: 'say' is empty", error("title: T\nsteps:\n  - say: ~\n").getMessage());
        assertEquals("my.yaml:3: step 1: 'say' is empty", error("title: T\nsteps:\n  - say: null\n").getMessage());
        Routine r = assertDoesNotThrowParse("title: T\nintro: ~\nsteps:\n  - say: a\n    tip: null\n");
        assertEquals("", r.intro());
        assertTrue(r.step(1).tip().isEmpty());
    }

    private static Routine assertDoesNotThrowParse(String yaml) {
        try {
            return RoutineLoader.parse("my.yaml", yaml);
        } catch (RoutineException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void sixtyStepsSharingOneRhythmByAlias_areFine() {
        StringBuilder b = new StringBuilder("title: T\nsteps:\n  - say: first\n    rhythm: &count\n      beats: [press 1 s, rest 1 s]\n");
        for (int i = 0; i < 60; i++) {
            b.append("  - say: again\n    rhythm: *count\n");
        }
        assertEquals(61, assertDoesNotThrowParse(b.toString()).size());
    }

    @Test
    void devZero_andHugeFiles_areOneLine_afterReadingAtMostOneMegabyte() throws Exception {
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            RoutineException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(RoutineException.class,
                    () -> RoutineLoader.load(zero)));
            assertEquals("/dev/zero: the file is over 1 MB; a routine is a few kB of text", e.getMessage());
        }
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[RoutineLoader.MAX_FILE_BYTES + 1]);
        assertTrue(assertThrows(RoutineException.class, () -> RoutineLoader.load(big)).getMessage()
                .endsWith("big.yaml: the file is over 1 MB; a routine is a few kB of text"));
    }

    @Test
    void aFileThatIsNotUtf8_namesTheLineOfTheBadByte() throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "title: T\nsteps:\n  - say: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        RoutineException e = assertThrows(RoutineException.class, () -> RoutineLoader.load(f));
        assertEquals(f + ":3: not UTF-8 text (byte 0xe9); save the file as UTF-8", e.getMessage());
    }

    @Test
    void aFolder_isNamedAsOne() {
        RoutineException e = assertThrows(RoutineException.class, () -> RoutineLoader.load(dir));
        assertEquals(dir + ": a folder, not a routine file", e.getMessage());
    }

    /**
     * Property: any mutation of a valid routine (bytes flipped, cut, repeated, lines shuffled) ends in a
     * routine or a one-line error naming the file, within a time bound.
     */
    @Test
    void mutatedRoutines_alwaysEndInARoutineOrAOneLineError_quickly() throws Exception {
        String valid = new String(getClass().getResourceAsStream("/routines/timed.yaml").readAllBytes(), StandardCharsets.UTF_8)
                + "safety: [Be careful.]\nclosing: Done.\n";
        Random random = new Random(16);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int trial = 0; trial < 600; trial++) {
                String text = mutate(valid, random);
                try {
                    Routine r = RoutineLoader.parse("m.yaml", text);
                    assertTrue(r.size() >= 1);
                    assertFalse(r.steps().stream().anyMatch(s -> s.text().isBlank()), "a step with nothing to say");
                } catch (RoutineException e) {
                    assertTrue(e.getMessage().startsWith("m.yaml"), e.getMessage());
                    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
                    assertTrue(e.getMessage().length() < 400, "short: " + e.getMessage());
                }
            }
        });
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && b.length() > 0; i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 1 -> b.delete(at, Math.min(b.length(), at + random.nextInt(40)));
                case 2 -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(200))).repeat(1 + random.nextInt(30)));
                case 3 -> b.insert(at, "&a *a ~ null : - [ { \" ' #\n\t".charAt(random.nextInt(24)));
                case 4 -> b.insert(at, String.valueOf(random.nextLong()));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
