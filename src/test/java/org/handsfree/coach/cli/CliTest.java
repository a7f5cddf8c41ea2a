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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

final class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    /** Each test keeps its progress in its own folder, never in the user's. */
    @BeforeEach
    void privateProgress() {
        System.setProperty("coach.state.dir", dir.resolve("state").toString());
    }

    @AfterAll
    static void noProgress() {
        System.clearProperty("coach.state.dir");
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

    /** A command clip turned into 44.1 kHz stereo. */
    Path stereo44k(String clip) throws Exception {
        short[] pcm = org.handsfree.coach.audio.WavReader.read(Path.of(getClass().getResource("/audio/" + clip).toURI()));
        float[] f = new float[pcm.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = pcm[i] / 32768f;
        }
        float[] up = org.handsfree.coach.audio.Resampler.resample(f, 16_000, 44_100);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(up.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float x : up) {
            short s = (short) Math.round(x * 32767);
            b.putShort(s).putShort(s);
        }
        Path out = dir.resolve("stereo.wav");
        javax.sound.sampled.AudioFormat fmt = new javax.sound.sampled.AudioFormat(44_100, 16, 2, true, false);
        try (javax.sound.sampled.AudioInputStream in = new javax.sound.sampled.AudioInputStream(
                new ByteArrayInputStream(b.array()), fmt, up.length)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, out.toFile());
        }
        return out;
    }

    @Test
    void recognize_badFilesAreNamed_goodOneIsRecognised_exitTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not audio");
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path stereo = stereo44k("cmd_024_flite-slt.wav");
        Result r = run("", "recognize", text.toString(), empty.toString(), stereo.toString());
        assertEquals(2, r.code());
        List<String> errors = r.err().strip().lines().toList();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).contains("notes.txt: not a WAV file"));
        assertTrue(errors.get(1).contains("empty.wav: empty file"));
        assertFalse(r.err().contains("Exception"));
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonObject o = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals(stereo.toString(), o.get("file").getAsString());
        JsonObject heard = o.getAsJsonArray("heard").get(0).getAsJsonObject();
        assertEquals("go to step five", heard.get("text").getAsString());
        assertEquals("goto:5", heard.get("intent").getAsString());
        assertTrue(heard.get("end").getAsLong() > heard.get("start").getAsLong());
        assertEquals(0, o.get("rejected").getAsInt());
    }

    @Test
    void keyboard_closedInput_endsCleanly() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Result r = run("", "--keyboard", "--trace", trace.toString());
        assertEquals(0, r.code());
        assertTrue(r.err().contains("coach: input closed; the session ends at step 1 of 12"), r.err());
        List<JsonObject> events = trace(trace);
        assertEquals("end", events.get(events.size() - 1).get("type").getAsString());
    }

    @Test
    void keyboard_inputLostMidRoutine_nextRunOffersToResumeThere() throws Exception {
        Result first = run("next\nnext\n", "--keyboard");
        assertEquals(0, first.code());
        assertTrue(first.err().contains("the session ends at step 3 of 12 (saved: the next ./coach offers to resume there)"),
                first.err());
        assertTrue(Files.exists(dir.resolve("state").resolve("progress.properties")));

        Path trace = dir.resolve("t.jsonl");
        Result second = run("yes\nwhere\n", "--keyboard", "--trace", trace.toString());
        assertTrue(second.out().contains("Resume at step 3? Say yes or no."), second.out());
        assertTrue(second.out().contains("Step 3 of 12"), second.out());
        List<Integer> steps = trace(trace).stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(3), steps);

        // Ending on purpose forgets the place: the run after that starts at the beginning.
        Result third = run("yes\nquit\nyes\n", "--keyboard");
        assertEquals(0, third.code());
        assertFalse(Files.exists(dir.resolve("state").resolve("progress.properties")));
        Result fourth = run("", "--keyboard");
        assertFalse(fourth.out().contains("Resume at step"), fourth.out());
    }

    @Test
    void keyboard_no_toTheResumeOffer_startsAtTheBeginning() throws Exception {
        run("go to step ten\n", "--keyboard");
        Path trace = dir.resolve("t.jsonl");
        Result r = run("no\n", "--keyboard", "--trace", trace.toString());
        assertTrue(r.out().contains("Resume at step 10? Say yes or no."), r.out());
        List<Integer> steps = trace(trace).stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(10, 1), steps);
    }
}
