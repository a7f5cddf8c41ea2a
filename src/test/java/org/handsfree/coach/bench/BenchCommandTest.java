package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coach bench}, which the launcher runs from the tools jar. */
final class BenchCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void adapt_withNothingToAdaptFrom_exitsTwoAndWritesNothing() throws Exception {
        Path transform = dir.resolve("t.mllr");
        Result missing = run("adapt", "--narrowband", "--train", dir.resolve("nowhere").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.out().contains("nowhere is not a folder"), missing.out());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result none = run("adapt", "--narrowband", "--train", empty.toString(), "--write", transform.toString());
        assertEquals(2, none.code());
        assertTrue(none.out().contains("no speech to adapt from"), none.out());
        assertFalse(Files.exists(transform));
    }

    @Test
    void anUnknownBenchmark_isBadUsage_inOneLine() {
        Result r = run("speeed");
        assertEquals(2, r.code());
        assertEquals("coach bench: unknown benchmark 'speeed' (known: rhythm, recognition, loop, soak, speed, ready, fit, adapt, enroll)\n",
                r.err());
    }

    @Test
    void negativeMinutes_isOneLine() {
        Result r = run("rhythm", "--minutes", "-1");
        assertEquals(2, r.code());
        assertEquals("coach bench rhythm: --minutes must be from 0.1 to 1440, got -1.0\n", r.err());
    }

    @Test
    void ready_withNoStartsOrNoJar_isBadUsage() {
        Result zero = run("ready", "--runs", "0");
        assertEquals(2, zero.code());
        assertEquals("coach bench ready: --runs must be at least 1, got 0\n", zero.err());
        // The tests run from folders of classes: there is no jar to start a fresh coach from.
        Result fromClasses = run("ready", "--runs", "1");
        assertEquals(2, fromClasses.code());
        assertTrue(fromClasses.out().contains("ready: starts the coach from its jars"), fromClasses.out());
    }

    @Test
    void help_isAnswered() {
        Result r = run("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: bench"), r.out());
    }
}
