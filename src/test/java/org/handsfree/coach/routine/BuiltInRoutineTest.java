package org.handsfree.coach.routine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The built-in routine carries the facts of shared/domain/hand-expression.md. */
final class BuiltInRoutineTest {
    private final Routine routine = RoutineLoader.builtIn();

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Test
    void hasTwelveSteps() {
        assertEquals(12, routine.size());
    }

    @Test
    void fileInRoutinesFolder_isTheSameAsTheResource() throws Exception {
        assertEquals(routine, RoutineLoader.load(Path.of("routines", RoutineLoader.BUILT_IN)));
    }

    @Test
    void secondPosition_holdsThreeToFiveMinutes_thirdPosition_oneToTwo() {
        assertEquals(new Hold(Duration.ofMinutes(3), Duration.ofMinutes(5)), routine.step(10).hold().orElseThrow());
        assertEquals(new Hold(Duration.ofMinutes(1), Duration.ofMinutes(2)), routine.step(12).hold().orElseThrow());
        long holds = routine.steps().stream().filter(s -> s.hold().isPresent()).count();
        assertEquals(2, holds);
    }

    @Test
    void rhythm_pressSqueezeReleaseRest_withRestOfOneToTwoSeconds() {
        for (int n : new int[] {5, 10, 12}) {
            Rhythm r = routine.step(n).rhythm().orElseThrow(() -> new AssertionError("step " + n + " has no rhythm"));
            assertEquals(List.of("press", "squeeze", "release", "rest"), r.beats().stream().map(Beat::word).toList());
            double rest = r.beats().get(3).seconds();
            assertTrue(rest >= 1 && rest <= 2, "rest lasts 1-2 s, got " + rest);
        }
    }

    @Test
    void steps_followTheTechniqueInOrder() {
        assertTrue(lower(routine.step(1).text()).contains("wash"));
        String place = lower(routine.step(2).text());
        assertTrue(place.contains("c shape") && place.contains("thumb above") && place.contains("one to two inches"));
        assertTrue(place.contains("not on it"), "behind the areola, not on it");
        assertTrue(lower(routine.step(3).text()).contains("back toward your chest"));
        assertTrue(lower(routine.step(4).text()).contains("roll"));
        assertTrue(lower(routine.step(6).text()).contains("new spot"));
        assertTrue(lower(routine.step(7).text()).contains("lightly"));
        assertTrue(lower(routine.step(8).text()).contains("back toward your chest"));
        assertTrue(lower(routine.step(11).text()).contains("third spot"));
    }

    @Test
    void safety_antenatalNeedsClinicianAndNeverBefore37Weeks_noHardMassage_whereToGetHelp() {
        String safety = lower(String.join(" ", routine.safety()));
        assertTrue(safety.contains("clinician") && safety.contains("37 weeks"));
        assertTrue(safety.contains("never rub or press your breast hard"));
        assertTrue(safety.contains("lactation consultant"));
    }

    @Test
    void intro_saysWhenItHelps_andClosingSaysWhereToGetHelp() {
        String intro = lower(routine.intro());
        assertTrue(intro.contains("pump") && intro.contains("weakly") && intro.contains("latch") && intro.contains("weaning"));
        assertTrue(intro.contains("may not work the first few times"));
        String closing = lower(routine.closing());
        assertTrue(closing.contains("break") && closing.contains("lactation consultant"));
    }

    @Test
    void sentences_areShortForASyntheticVoice() {
        for (Step s : routine.steps()) {
            for (String sentence : s.text().split("(?<=[.!?])\\s+")) {
                assertFalse(sentence.split("\\s+").length > 22, "long sentence: " + sentence);
            }
        }
    }
}
