package org.handsfree.coach.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = Main.run(args, in, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static List<JsonObject> trace(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void check_builtInRoutine_exitsZero() {
        Result r = run("", "check", "routines/hand-expression.yaml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("12 steps"));
    }

    @Test
    void check_malformedRoutine_exitsTwoWithOneLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "title: T\nsteps:\n  - say: a\n    hold: soon\n");
        Result r = run("", "check", bad.toString());
        assertEquals(2, r.code());
        assertEquals(bad + ":4: step 1: hold must look like '3-5 min' or '90 s', got 'soon'\n", r.err());
    }

    @Test
    void coach_malformedRoutine_exitsTwoWithoutStackTrace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "title: T\nsteps:\n  - say: a\n    rhythm:\n      beats: [1 s]\n");
        Result r = run("", "--keyboard", "--routine", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad.yaml:5: step 1: rhythm: beat 1 has no word"));
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void unknownOption_isBadUsage() {
        Result r = run("", "--frobnicate");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void keyboard_scriptedSession_stepsOneTwoTwelveElevenThenEnd() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Path wav = dir.resolve("k.wav");
        Result r = run("next\nwhere\ngo to step twelve\nback\nquit\nyes\n",
                "--keyboard", "--output", wav.toString(), "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> events = trace(trace);
        List<Integer> steps = events.stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(1, 2, 12, 11), steps);
        assertEquals("end", events.get(events.size() - 1).get("type").getAsString());
        assertTrue(r.out().contains("coach: Step 2 of 12: Place your hand."), r.out());
        assertTrue(Files.size(wav) > 44 + 16000, "the goodbye was spoken into the WAV");
    }

    @Test
    void keyboard_unknownCommand_getsAHintAndKeepsItsPlace() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Result r = run("next\nfly me to the moon\nwhere\n", "--keyboard", "--trace", trace.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains("coach: unknown command 'fly me to the moon'; type help"), r.err());
        assertTrue(r.out().contains("Step 2 of 12"), r.out());
    }

    @Test
    void say_writesA16kMonoWavOfTheSentence() throws Exception {
        Path wav = dir.resolve("s.wav");
        Result r = run("", "say", "Press back toward your chest.", "--output", wav.toString());
        assertEquals(0, r.code(), r.err());
        try (javax.sound.sampled.AudioInputStream in = javax.sound.sampled.AudioSystem.getAudioInputStream(wav.toFile())) {
            assertEquals(16000f, in.getFormat().getSampleRate());
            assertEquals(1, in.getFormat().getChannels());
            double seconds = in.getFrameLength() / 16000.0;
            assertTrue(seconds > 1.2 && seconds < 3.5, "a short sentence, got " + seconds + " s");
        }
    }

    @Test
    void keyboard_closedInput_endsCleanly() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Result r = run("", "--keyboard", "--trace", trace.toString());
        assertEquals(0, r.code());
        List<JsonObject> events = trace(trace);
        assertEquals("end", events.get(events.size() - 1).get("type").getAsString());
    }
}
