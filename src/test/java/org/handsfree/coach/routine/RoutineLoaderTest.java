package org.handsfree.coach.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class RoutineLoaderTest {

    private static final String GOOD = """
            title: Test
            intro: Hello.
            safety:
              - Be careful.
            steps:
              - title: One
                say: Do the first thing.
                tip: Gently.
              - say: Count with me now please.
                rhythm:
                  beats: [press 1 s, squeeze 1 s, release 1 s, rest 1.5 s]
                  cycles: 3
                then: next
              - title: Hold
                say: Hold it.
                hold: 3-5 min
              - title: Short
                say: Short one.
                hold: 90 s
                then: next
            """;

    private static RoutineException error(String yaml) {
        return assertThrows(RoutineException.class, () -> RoutineLoader.parse("my.yaml", yaml));
    }

    @Test
    void parse_goodRoutine_keepsEveryField() throws Exception {
        Routine r = RoutineLoader.parse("my.yaml", GOOD);
        assertEquals("Test", r.title());
        assertEquals(List.of("Be careful."), r.safety());
        assertEquals(4, r.size());
        assertEquals("Gently.", r.step(1).tip().orElseThrow());
        assertEquals("Count with me now", r.step(2).title(), "a missing title is the text's first words");
        Rhythm rhythm = r.step(2).rhythm().orElseThrow();
        assertEquals(List.of("press", "squeeze", "release", "rest"), rhythm.beats().stream().map(Beat::word).toList());
        assertEquals(4.5, rhythm.cycleSeconds(), 1e-9);
        assertEquals(3, rhythm.cycles().getAsInt());
        assertEquals(Step.Then.NEXT, r.step(2).then());
        assertEquals(new Hold(Duration.ofMinutes(3), Duration.ofMinutes(5)), r.step(3).hold().orElseThrow());
        assertEquals(Step.Then.WAIT, r.step(3).then());
        assertEquals(new Hold(Duration.ofSeconds(90), Duration.ofSeconds(90)), r.step(4).hold().orElseThrow());
    }

    @Test
    void holdInWords_namesFileLineStepAndValue() {
        RoutineException e = error("""
                title: T
                steps:
                  - say: a
                  - say: b
                  - say: c
                    hold: five minutes-ish
                """);
        assertEquals("my.yaml:6: step 3: hold must look like '3-5 min' or '90 s', got 'five minutes-ish'", e.getMessage());
        assertEquals(6, e.line());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown step key      | 'title: T\nsteps:\n  - say: a\n    holdd: 3 min\n'       | my.yaml:4: step 1: unknown key 'holdd'",
        "unknown routine key   | 'title: T\nauthor: me\nsteps:\n  - say: a\n'             | my.yaml:2: the routine: unknown key 'author'",
        "missing say           | 'title: T\nsteps:\n  - say: a\n  - title: b\n'           | my.yaml:4: step 2 has no 'say'",
        "empty say             | 'title: T\nsteps:\n  - say: \"\"\n'                     | my.yaml:3: step 1: 'say' is empty",
        "missing title         | 'steps:\n  - say: a\n'                                   | my.yaml:1: the routine has no 'title'",
        "no steps key          | 'title: T\n'                                             | my.yaml:1: the routine has no 'steps'",
        "empty steps           | 'title: T\nsteps: []\n'                                  | my.yaml:2: the routine has no steps",
        "empty file            | ''                                                       | my.yaml:1: the routine is empty",
        "steps not a list      | 'title: T\nsteps: go\n'                                  | my.yaml:2: steps must be a list",
        "beat without word     | 'title: T\nsteps:\n  - say: a\n    rhythm:\n      beats: [press 1 s, 1 s]\n' | my.yaml:5: step 1: rhythm: beat 2 has no word",
        "beat without length   | 'title: T\nsteps:\n  - say: a\n    rhythm:\n      beats: [press]\n' | my.yaml:5: step 1: rhythm: beat 1 must look like 'press 1 s', got 'press'",
        "beat too long         | 'title: T\nsteps:\n  - say: a\n    rhythm:\n      beats: [press 30 s]\n' | my.yaml:5: step 1: rhythm: beat 1 must last 0.2 to 10 s",
        "rhythm without beats  | 'title: T\nsteps:\n  - say: a\n    rhythm:\n      cycles: 3\n' | my.yaml:5: step 1: rhythm has no 'beats'",
        "bad cycles            | 'title: T\nsteps:\n  - say: a\n    rhythm:\n      beats: [a 1 s]\n      cycles: many\n' | my.yaml:6: step 1: rhythm: cycles must be a whole number",
        "zero hold             | 'title: T\nsteps:\n  - say: a\n    hold: 0 s\n'             | my.yaml:4: step 1: hold must be longer than zero",
        "backwards range       | 'title: T\nsteps:\n  - say: a\n    hold: 5-3 min\n'         | my.yaml:4: step 1: hold range must go from short to long",
        "bad then              | 'title: T\nsteps:\n  - say: a\n    hold: 1 min\n    then: later\n' | my.yaml:5: step 1: then must be 'next' or 'wait', got 'later'",
        "then without timing   | 'title: T\nsteps:\n  - say: a\n    then: next\n'            | my.yaml:4: step 1: 'then' needs a hold or a rhythm with cycles",
        "bad yaml              | 'title: T\nsteps:\n  - say: [a\n'                          | my.yaml:4: not valid YAML",
        "duplicate key         | 'title: T\ntitle: U\nsteps:\n  - say: a\n'                | my.yaml:2: the routine: 'title' is given twice",
        "step not a mapping    | 'title: T\nsteps:\n  - just text\n'                      | my.yaml:3: step 1 must be a set of 'key: value' lines",
    })
    void malformedRoutine_oneLineErrorWithFileAndLine(String name, String yaml, String expected) {
        RoutineException e = error(yaml);
        assertTrue(e.getMessage().startsWith(expected), () -> "got: " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void missingFile_namesIt() {
        RoutineException e = assertThrows(RoutineException.class,
                () -> RoutineLoader.load(java.nio.file.Path.of("no/such/routine.yaml")));
        assertEquals("no/such/routine.yaml: no such file", e.getMessage());
    }

    @Test
    void durations_acceptCommonSpellings() {
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5 s").orElseThrow());
        assertEquals(Duration.ofMinutes(2), Durations.parse("2 minutes").orElseThrow());
        assertEquals(Duration.ofSeconds(90), Durations.parse("90sec").orElseThrow());
        assertEquals(Duration.ofMinutes(1), Durations.parseRange("1 to 2 min").orElseThrow()[0]);
        assertTrue(Durations.parse("3-5 min").isEmpty(), "a range is not a single length");
        assertTrue(Durations.parseRange("five minutes").isEmpty());
    }
}
