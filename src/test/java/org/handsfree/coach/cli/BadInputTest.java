package org.handsfree.coach.cli;

import static org.handsfree.coach.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.handsfree.coach.cli.CliTest.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever a user hands the coach: one line on stderr that says what and where, exit 2, never a trace or a hang. */
final class BadInputTest extends PrivateStateTest {
    private static void oneLineExitTwo(Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().strip().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void check_devZero_isOneLine() {
        if (Files.isReadable(Path.of("/dev/zero"))) {
            Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("", "check", "/dev/zero"));
            oneLineExitTwo(r, "/dev/zero: the file is over 1 MB; a routine is a few kB of text");
        }
    }

    @Test
    void check_aStepOf100kB_isOneLine() throws Exception {
        Path f = Files.writeString(dir.resolve("long.yaml"), "title: T\nsteps:\n  - say: " + "Breathe in. ".repeat(9000) + "\n");
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("", "check", f.toString()));
        oneLineExitTwo(r, f + ":3: step 1: say is ");
    }

    @Test
    void routine_devZero_isOneLine() {
        if (Files.isReadable(Path.of("/dev/zero"))) {
            Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("", "--keyboard", "--routine", "/dev/zero"));
            oneLineExitTwo(r, "/dev/zero: the file is over 1 MB");
        }
    }

    @Test
    void echo_withAnAbsurdDelay_isOneLine() throws Exception {
        Path in = org.handsfree.coach.audio.WavReaderTest.tone(dir.resolve("in.wav"), 16_000, 1, 440, 0.5);
        oneLineExitTwo(run("", "--input", in.toString(), "--fast", "--echo", "-6@99999999999"),
                "--echo takes a gain of -60 to 60 dB and a delay of 0 to 1000 ms, got '-6@99999999999'");
        oneLineExitTwo(run("", "--input", in.toString(), "--fast", "--echo", "-6@100000000"), "--echo takes");
    }

    @Test
    void output_thatIsTheInput_isRefused_andTheRecordingKept() throws Exception {
        Path in = org.handsfree.coach.audio.WavReaderTest.tone(dir.resolve("in.wav"), 16_000, 1, 440, 0.5);
        byte[] before = Files.readAllBytes(in);
        oneLineExitTwo(run("", "--input", in.toString(), "--fast", "--output", dir.resolve(".").resolve("in.wav").toString()),
                "is the --input file; writing it would destroy the recording");
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(in)));
    }

    @Test
    void output_thatCantBeWritten_saysWhy() throws Exception {
        if (Files.exists(Path.of("/dev/full"))) {
            oneLineExitTwo(run("", "say", "Hello.", "--output", "/dev/full"),
                    "can't write --output /dev/full: No space left on device");
        }
        oneLineExitTwo(run("", "say", "Hello.", "--output", dir.resolve("no/such/dir/x.wav").toString()), "no such folder");
        oneLineExitTwo(run("", "say", "Hello.", "--output", dir.toString()), "a folder, not a file to write");
    }

    @Test
    void say_aHundredThousandLetterWord_isOneLine() {
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("", "say", "a".repeat(100_000)));
        oneLineExitTwo(r, "coach say: the text is 100000 characters long; at most 4000");
        oneLineExitTwo(run("", "say", "b".repeat(300)), "coach say: a word of 300 letters");
    }

    @Test
    void keyboard_endlessNulBytes_endCleanly() {
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("\0".repeat(1_000_000), "--keyboard"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("the typed input is not text (it holds NUL bytes)"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "say", "recognize", "phrases", "history"})
    void everySubcommand_answersHelp(String sub) {
        Result r = run("", sub, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: coach " + sub), r.out());
    }
}
