package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProgressFileTest {
    @TempDir
    Path dir;

    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ProgressFile file(Routine routine) {
        return new ProgressFile(dir.resolve("state/progress.properties"), routine, clock::get,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aSavedStep_isOfferedToTheSameRoutine_withinTwelveHours() {
        file(RoutineLoader.builtIn()).at(10);
        clock.set(clock.get().plus(Duration.ofHours(11)));
        assertEquals(OptionalInt.of(10), file(RoutineLoader.builtIn()).saved());
        clock.set(clock.get().plus(Duration.ofHours(2)));
        assertEquals(OptionalInt.empty(), file(RoutineLoader.builtIn()).saved(), "a day-old place is a new sitting");
    }

    @Test
    void anEditedRoutine_startsAfresh() {
        Routine builtIn = RoutineLoader.builtIn();
        file(builtIn).at(5);
        Routine edited = new Routine(builtIn.title(), builtIn.intro() + " Edited.", builtIn.safety(), builtIn.steps(),
                builtIn.closing());
        assertEquals(OptionalInt.empty(), file(edited).saved());
    }

    @Test
    void stepOne_orDone_leavesNothingToResume() {
        ProgressFile p = file(RoutineLoader.builtIn());
        p.at(4);
        p.at(1);
        assertEquals(OptionalInt.empty(), p.saved());
        p.at(4);
        p.done();
        assertFalse(Files.exists(dir.resolve("state/progress.properties")));
    }

    @Test
    void aDamagedFile_isOneWarning_andAFreshStart() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/progress.properties"), "routine=" + "x".repeat(3) + "\nstep=ten\n");
        assertEquals(OptionalInt.empty(), file(RoutineLoader.builtIn()).saved());
        ProgressFile p = file(RoutineLoader.builtIn());
        p.at(3);
        assertEquals(OptionalInt.of(3), p.saved());
        Files.writeString(dir.resolve("state/progress.properties"), Files.readString(dir.resolve("state/progress.properties"))
                .replaceAll("step=3", "step=ten"));
        assertEquals(OptionalInt.empty(), p.saved());
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("coach: can't read the saved progress in "), e);
    }
}
