package org.handsfree.coach.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HistoryFileTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(warnings, true, StandardCharsets.UTF_8);

    static HistoryEntry entry(String start, long ms, int reached, String ended) {
        Instant s = Instant.parse(start);
        return new HistoryEntry(s, s.plusMillis(ms), ms, "Test", "abcdef0123456789", 12, reached,
                List.of(new HistoryEntry.StepTime(1, ms / 2), new HistoryEntry.StepTime(reached, ms - ms / 2)),
                List.of(new HistoryEntry.HoldTime(reached, 185_000, true)), 1.1, ended);
    }

    String warned() {
        return warnings.toString(StandardCharsets.UTF_8);
    }

    @Test
    void entries_roundTrip_throughTheFile() {
        HistoryFile h = new HistoryFile(dir.resolve("state"), err);
        assertEquals(List.of(), h.read());
        HistoryEntry a = entry("2026-03-02T09:00:00Z", 840_000, 12, HistoryEntry.FINISHED);
        HistoryEntry b = entry("2026-03-02T15:30:00Z", 300_250, 4, HistoryEntry.QUIT);
        h.append(a);
        h.append(b);
        assertEquals(List.of(a, b), h.read());
        assertEquals("", warned());
    }

    @Test
    void damagedLines_areSkippedWithOneLineEach() throws Exception {
        HistoryFile h = new HistoryFile(dir, err);
        HistoryEntry a = entry("2026-03-02T09:00:00Z", 840_000, 12, HistoryEntry.FINISHED);
        HistoryEntry b = entry("2026-03-03T09:00:00Z", 60_000, 2, HistoryEntry.QUIT);
        Files.writeString(h.file(), a.toJson() + "\n{\"start\":\"yesterday\"}\n\u0000\u0001garbage\n\n"
                + a.toJson().replace("\"ms\":840000", "\"ms\":\"long\"") + "\n" + b.toJson().substring(0, 40));
        h.append(b);
        assertEquals(List.of(a, b), h.read());
        List<String> lines = warned().lines().toList();
        assertEquals(4, lines.size(), warned());
        assertTrue(lines.get(0).startsWith("coach: " + h.file() + ":2: damaged line skipped"), lines.get(0));
        assertTrue(lines.get(1).startsWith("coach: " + h.file() + ":3: damaged line skipped"), lines.get(1));
        assertTrue(lines.get(2).startsWith("coach: " + h.file() + ":5: damaged line skipped"), lines.get(2));
        assertTrue(lines.get(3).startsWith("coach: " + h.file() + ":6: damaged line skipped"), lines.get(3));
    }

    @Test
    void aCoachThatDied_leavesItsSessionToTheNext() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        long started = gone.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        gone.waitFor();
        HistoryEntry soFar = entry("2026-03-02T09:00:00Z", 120_000, 3, HistoryEntry.CRASH_RECOVERED);
        Files.writeString(dir.resolve("history-open-" + gone.pid() + "-" + started + ".json"), soFar.toJson() + "\n");
        // This process's own open session is still running: not recovered.
        HistoryFile h = new HistoryFile(dir, err);
        SessionRecord.Keeper mine = h.keeper();
        mine.checkpoint(entry("2026-03-02T10:00:00Z", 1_000, 1, HistoryEntry.CRASH_RECOVERED));

        assertEquals(1, h.recoverCrashed());
        assertEquals(List.of(soFar), h.read());
        assertEquals(0, h.recoverCrashed());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("history-open-")).count());
        }

        HistoryEntry done = entry("2026-03-02T10:00:00Z", 2_000, 1, HistoryEntry.INPUT_CLOSED);
        mine.done(done);
        assertEquals(List.of(soFar, done), h.read());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith("history-open-")).count());
        }
    }

    @Test
    void forget_deletesTheHistory() throws Exception {
        HistoryFile h = new HistoryFile(dir, err);
        assertFalse(h.forget());
        h.append(entry("2026-03-02T09:00:00Z", 840_000, 12, HistoryEntry.FINISHED));
        assertTrue(h.forget());
        assertFalse(Files.exists(h.file()));
        assertEquals(List.of(), h.read());
    }

    @Test
    void table_showsDateDurationStepsAndHoldTime_andTheWeek() {
        List<HistoryEntry> all = List.of(
                entry("2026-02-27T09:00:00Z", 600_000, 5, HistoryEntry.QUIT),       // the Friday before
                entry("2026-03-02T09:00:00Z", 840_000, 12, HistoryEntry.FINISHED),  // Monday
                entry("2026-03-04T18:45:10Z", 45_400, 2, HistoryEntry.CRASH_RECOVERED));
        String table = HistoryTable.table(all, 2, Instant.parse("2026-03-05T12:00:00Z"), ZoneOffset.UTC);
        assertEquals("""
                date              duration  steps done  hold time  ended
                2026-03-02 09:00  14 min    2 of 12     3:05       finished
                2026-03-04 18:45  45 s      2 of 12     3:05       crash recovered
                This week: 2 sessions, 15 min, 6:10 holding.
                """, table);
        assertEquals("No sessions yet.\n", HistoryTable.table(List.of(), 10, Instant.now(), ZoneOffset.UTC));
        assertEquals("No sessions yet this week.",
                HistoryTable.weekLine(all, Instant.parse("2026-03-20T12:00:00Z"), ZoneOffset.UTC));
        assertEquals("1 h 05 min", HistoryTable.duration(3_900_000));
    }

    @Test
    void aCoachStoppedFromOutside_keepsItsLastCheckpointAsInterrupted() throws Exception {
        // The shutdown hook's work, run by hand: the session so far goes into the history once.
        HistoryFile h = new HistoryFile(dir, err);
        SessionRecord.Keeper k = h.keeper();
        HistoryEntry soFar = entry("2026-03-02T09:00:00Z", 90_000, 2, HistoryEntry.CRASH_RECOVERED);
        k.checkpoint(soFar);
        ((HistoryFile.OpenSession) k).interrupted();
        ((HistoryFile.OpenSession) k).interrupted();
        k.done(entry("2026-03-02T09:00:00Z", 95_000, 2, HistoryEntry.QUIT));
        assertEquals(List.of(soFar.endedAs(HistoryEntry.INTERRUPTED)), h.read());
    }
}
