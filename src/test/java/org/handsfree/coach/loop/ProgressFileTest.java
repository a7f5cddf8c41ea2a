package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProgressFileTest {
    @TempDir
    Path dir;

    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Routine builtIn = RoutineLoader.builtIn();
    private final Routine other = new Routine("Other", "", List.of(), builtIn.steps(), "Bye.");

    private ProgressFile file(Routine routine) {
        return new ProgressFile(dir.resolve("state"), routine, clock::get, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private OptionalInt savedFor(Routine routine) {
        try (ProgressFile p = file(routine)) {
            return p.saved();
        }
    }

    private void save(Routine routine, int step) {
        try (ProgressFile p = file(routine)) {
            p.at(step);
        }
    }

    @Test
    void aSavedStep_isOfferedToTheSameRoutine_withinTwelveHours() {
        save(builtIn, 10);
        clock.set(clock.get().plus(Duration.ofHours(11)));
        assertEquals(OptionalInt.of(10), savedFor(builtIn));
        clock.set(clock.get().plus(Duration.ofHours(2)));
        assertEquals(OptionalInt.empty(), savedFor(builtIn), "a day-old place is a new sitting");
    }

    @Test
    void anEditedRoutine_startsAfresh() {
        save(builtIn, 5);
        Routine edited = new Routine(builtIn.title(), builtIn.intro() + " Edited.", builtIn.safety(), builtIn.steps(),
                builtIn.closing());
        assertEquals(OptionalInt.empty(), savedFor(edited));
    }

    @Test
    void eachRoutine_keepsItsOwnPlace() {
        save(builtIn, 5);
        save(other, 7);
        try (ProgressFile p = file(other)) {
            p.done();
        }
        assertEquals(OptionalInt.of(5), savedFor(builtIn), "finishing another routine leaves this one's place");
        assertEquals(OptionalInt.empty(), savedFor(other));
    }

    @Test
    void theFile_holdsOnlyTheFingerprintStepAndTime_readableByTheUserOnly() throws Exception {
        save(builtIn, 4);
        Path f = file(builtIn).file();
        assertEquals(dir.resolve("state/progress/" + ProgressFile.fingerprint(builtIn) + ".properties"), f);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        List<String> keys = Files.readAllLines(f).stream().filter(l -> !l.startsWith("#")).map(l -> l.split("=")[0])
                .sorted().toList();
        assertEquals(List.of("routine", "saved", "step"), keys);
        assertFalse(Files.readString(f).contains(builtIn.title()));
        try (Stream<Path> left = Files.list(f.getParent())) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    @Test
    void aSecondSession_ofTheSameRoutine_neitherSeesNorChangesTheFirstOnesPlace() {
        try (ProgressFile first = file(builtIn); ProgressFile second = file(builtIn)) {
            first.at(6);
            assertEquals(OptionalInt.empty(), second.saved(), "not offered the live session's step");
            second.done();
            second.at(2);
            assertEquals(OptionalInt.of(6), first.saved());
            assertTrue(first.kept());
            assertFalse(second.kept());
        }
        assertEquals(OptionalInt.of(6), savedFor(builtIn));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("another coach is coaching this routine"));
    }

    @Test
    void stepOne_orDone_leavesNothingToResume() {
        try (ProgressFile p = file(builtIn)) {
            p.at(4);
            p.at(1);
            assertEquals(OptionalInt.empty(), p.saved());
            p.at(4);
            p.done();
            assertFalse(Files.exists(p.file()));
        }
    }

    @Test
    void aFailedSave_isNotReportedAsKept() throws Exception {
        Files.writeString(dir.resolve("state"), "a file where the folder should be");
        try (ProgressFile p = file(builtIn)) {
            p.at(4);
            assertFalse(p.kept());
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("coach: can't keep progress in "), e);
    }

    @Test
    void aDamagedFile_isOneWarning_andAFreshStart() throws Exception {
        try (ProgressFile p = file(builtIn)) {
            p.at(3);
            assertEquals(OptionalInt.of(3), p.saved());
            Files.writeString(p.file(), Files.readString(p.file()).replaceAll("step=3", "step=ten"));
            assertEquals(OptionalInt.empty(), p.saved());
        }
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("coach: can't read the saved progress in "), e);
    }
}
