package org.handsfree.coach.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import org.handsfree.coach.loop.ProgressFile;
import org.handsfree.coach.routine.RoutineLoader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CliTest extends PrivateStateTest {
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
    void keyboard_scriptedSession_stepsTwoTwelveElevenThenEnd() throws Exception {
        savedAt(2); // typed commands arrive at once, and step 1 can't be left before the safety notes end
        Path trace = dir.resolve("t.jsonl");
        Path wav = dir.resolve("k.wav");
        Result r = run("yes\nwhere\ngo to step twelve\nback\nquit\nyes\n",
                "--keyboard", "--output", wav.toString(), "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> events = trace(trace);
        List<Integer> steps = events.stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(2, 12, 11), steps);
        assertEquals("end", events.get(events.size() - 1).get("type").getAsString());
        assertTrue(r.out().contains("coach: Step 2 of 12: Place your hand."), r.out());
        assertTrue(Files.size(wav) > 44 + 16000, "the goodbye was spoken into the WAV");
    }

    @Test
    void keyboard_unknownCommand_getsAHintAndKeepsItsPlace() throws Exception {
        savedAt(2);
        Path trace = dir.resolve("t.jsonl");
        Result r = run("yes\nfly me to the moon\nwhere\n", "--keyboard", "--trace", trace.toString());
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
    void recognize_aMuLawTelephoneRecording_isRecognised() throws Exception {
        short[] pcm = org.handsfree.coach.audio.WavReader.read(Path.of(getClass().getResource("/audio/cmd_024_flite-slt.wav")
                .toURI()));
        float[] x = new float[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i];
        }
        float[] narrow = org.handsfree.coach.audio.Resampler.resample(x, 16_000, 8_000);
        short[] eight = new short[narrow.length];
        for (int i = 0; i < eight.length; i++) {
            eight[i] = (short) Math.max(-32768, Math.min(32767, Math.round(narrow[i])));
        }
        Path ulaw = org.handsfree.coach.audio.WavReaderTest.encoded(dir.resolve("ulaw.wav"), eight, 8000,
                javax.sound.sampled.AudioFormat.Encoding.ULAW);
        Result r = run("", "recognize", ulaw.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals("goto:5", o.getAsJsonArray("heard").get(0).getAsJsonObject().get("intent").getAsString(), r.out());
    }

    @Test
    void recognize_anImaAdpcmRecording_isRecognised() throws Exception {
        Path adpcm = Path.of(getClass().getResource("/audio/cmd_024_ima-adpcm-8k.wav").toURI());
        Result r = run("", "recognize", adpcm.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        assertEquals("goto:5", o.getAsJsonArray("heard").get(0).getAsJsonObject().get("intent").getAsString(), r.out());
    }

    @Test
    void recognize_badFilesAreNamed_goodOneIsRecognised_exitTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not audio");
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path stereo = stereo44k("cmd_024_flite-slt.wav");
        Path oneHz = org.handsfree.coach.audio.WavReaderTest.header(dir.resolve("1hz.wav"), 1, 1, 32_000);
        Result r = run("", "recognize", text.toString(), empty.toString(), oneHz.toString(), stereo.toString());
        assertEquals(2, r.code());
        List<String> errors = r.err().strip().lines().toList();
        assertEquals(3, errors.size(), r.err());
        assertTrue(errors.get(0).contains("notes.txt: not a WAV file"));
        assertTrue(errors.get(1).contains("empty.wav: empty file"));
        assertTrue(errors.get(2).contains("1hz.wav: the sample rate is 1 Hz; a recording has 4 to 192 kHz"), errors.get(2));
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

    /** Saves a place in the built-in routine as a session that was cut off there would have. */
    private void savedAt(int step) {
        try (ProgressFile p = new ProgressFile(dir.resolve("state"), RoutineLoader.builtIn(), Instant::now,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            p.at(step);
        }
    }

    private Path progressFile() {
        return dir.resolve("state/progress/" + ProgressFile.fingerprint(RoutineLoader.builtIn()) + ".properties");
    }

    @Test
    void keyboard_next_duringTheSafetyNotes_waitsForThem() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Result r = run("next\n", "--keyboard", "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("coach: After the safety notes."), r.out());
        assertTrue(r.err().contains("the session ends at step 1 of 12"), r.err());
        assertFalse(Files.exists(progressFile()));
    }

    @Test
    void keyboard_inputLostMidRoutine_nextRunOffersToResumeThere() throws Exception {
        savedAt(3);
        Result first = run("yes\nnext\n", "--keyboard");
        assertEquals(0, first.code());
        assertTrue(first.out().contains("Resume at step 3? Say yes or no."), first.out());
        assertTrue(first.err().contains("the session ends at step 4 of 12 (saved: the next ./coach offers to resume there)"),
                first.err());
        assertTrue(Files.exists(progressFile()));

        Path trace = dir.resolve("t.jsonl");
        Result second = run("yes\nwhere\n", "--keyboard", "--trace", trace.toString());
        assertTrue(second.out().contains("Resume at step 4? Say yes or no."), second.out());
        assertTrue(second.out().contains("Step 4 of 12"), second.out());
        List<Integer> steps = trace(trace).stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(4), steps);

        // Ending on purpose forgets the place: the run after that starts at the beginning.
        Result third = run("yes\nquit\nyes\n", "--keyboard");
        assertEquals(0, third.code());
        assertFalse(Files.exists(progressFile()));
        Result fourth = run("", "--keyboard");
        assertFalse(fourth.out().contains("Resume at step"), fourth.out());
    }

    @Test
    void keyboard_no_toTheResumeOffer_startsAtTheBeginning() throws Exception {
        savedAt(10);
        Path trace = dir.resolve("t.jsonl");
        Result r = run("no\n", "--keyboard", "--trace", trace.toString());
        assertTrue(r.out().contains("Resume at step 10? Say yes or no."), r.out());
        List<Integer> steps = trace(trace).stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(10, 1), steps);
    }

    @Test
    void history_afterTwoKeyboardSessions_listsBoth() throws Exception {
        savedAt(2); // typed commands arrive at once, and step 1 can't be left before the safety notes end
        run("yes\nnext\nnext\n", "--keyboard");
        run("yes\ngo to step twelve\nnext\n", "--keyboard");
        Result r = run("", "history");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("date") && lines.get(0).contains("steps done"), lines.get(0));
        assertTrue(lines.get(1).contains("3 of 12") && lines.get(1).endsWith("input closed"), lines.get(1));
        assertTrue(lines.get(2).contains("2 of 12") && lines.get(2).endsWith("finished"), lines.get(2));
        assertTrue(lines.get(3).startsWith("This week: 2 sessions"), lines.get(3));

        Result json = run("", "history", "--json", "--last", "1");
        JsonObject last = JsonParser.parseString(json.out().strip()).getAsJsonObject();
        assertEquals("finished", last.get("ended").getAsString());
        assertEquals(12, last.get("step_reached").getAsInt());
        assertEquals(List.of(4, 12), last.getAsJsonArray("steps").asList().stream()
                .map(e -> e.getAsJsonObject().get("step").getAsInt()).toList());
    }

    @Test
    void finishingTheRoutine_saysHowItWent() {
        savedAt(11);
        Result r = run("yes\nnext\nnext\n", "--keyboard");
        assertTrue(r.out().contains("coach: Today: "), r.out());
        assertTrue(r.out().contains(" seconds, 2 of 12 steps."), r.out());
    }

    @Test
    void history_survivesADamagedFile_andForgets() throws Exception {
        savedAt(2);
        run("yes\n", "--keyboard");
        Path file = dir.resolve("state").resolve("history.jsonl");
        Files.writeString(file, "not json at all\n" + Files.readString(file));
        Result r = run("", "history");
        assertEquals(0, r.code());
        assertEquals(List.of("coach: " + file + ":1: damaged line skipped (not JSON)"), r.err().strip().lines().toList());
        assertTrue(r.out().contains("1 of 12"), r.out());

        Result forget = run("", "history", "--forget");
        assertEquals(0, forget.code());
        assertFalse(Files.exists(file));
        assertEquals("No sessions yet.", run("", "history").out().strip());
        assertEquals(2, run("", "history", "--last", "0").code());
    }

    @Test
    void inputRuns_keepNoHistory() throws Exception {
        Path wav = Path.of(getClass().getResource("/audio/cmd_024_flite-slt.wav").toURI());
        run("", "--input", wav.toString(), "--fast");
        assertFalse(Files.exists(dir.resolve("state").resolve("history.jsonl")));
    }

    @Test
    void screen_badAddress_isOneLineAndExitTwo() {
        Result r = run("", "--keyboard", "--screen", "here:there");
        assertEquals(2, r.code());
        assertEquals("coach: --screen must be PORT or HOST:PORT, e.g. 8765 or 0.0.0.0:8765, got 'here:there'",
                r.err().strip());
    }

    @Test
    void screen_printsItsAddress_andTheSessionRuns() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        savedAt(2);
        Result r = run("yes\n", "--keyboard", "--screen", "127.0.0.1:0", "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("screen: http://127\\.0\\.0\\.1:\\d+/")), r.out());
        assertTrue(trace(trace).stream().anyMatch(e -> e.get("type").getAsString().equals("step")
                && e.get("step").getAsInt() == 2));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(CliTest.class.getResource("/audio/" + name).toURI());
    }

    @Test
    void recognize_five_isANumberInTheNumberContext_andNothingInCoaching() throws Exception {
        String five = resource("five_001.wav").toString();
        Result number = run("", "recognize", "--context", "number", five);
        assertEquals(0, number.code(), number.err());
        assertTrue(number.out().contains("\"intent\":\"number:5\""), number.out());
        Result coaching = run("", "recognize", "--context", "coaching", five);
        assertEquals(0, coaching.code(), coaching.err());
        JsonObject o = JsonParser.parseString(coaching.out().strip()).getAsJsonObject();
        assertEquals(0, o.getAsJsonArray("heard").size(), coaching.out());
        assertEquals(1, o.get("rejected").getAsInt());
    }

    @Test
    void recognize_unknownContextOrAddress_isOneLineAndExitTwo() throws Exception {
        String five = resource("five_001.wav").toString();
        Result r = run("", "recognize", "--context", "chatting", five);
        assertEquals(2, r.code());
        assertEquals("coach recognize: unknown context 'chatting' (use coaching, confirm or number)", r.err().strip());
        Result a = run("", "recognize", "--address", "hey", five);
        assertEquals(2, a.code());
        assertEquals("coach recognize: --address must be one of coach, helper, trainer, assistant, got 'hey'",
                a.err().strip());
        Result c = run("", "--keyboard", "--address", "hey");
        assertEquals(2, c.code());
        assertEquals("coach: --address must be one of coach, helper, trainer, assistant, got 'hey'", c.err().strip());
    }

    @Test
    void phrases_showTheirContexts() {
        Result r = run("", "phrases");
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("next\tnext\tcoaching"), r.out());
        assertTrue(lines.contains("yes\tyes\tconfirm"), r.out());
        assertTrue(lines.contains("five\tnumber:5\tnumber"), r.out());
        assertTrue(lines.contains("stop\tstop\tcoaching,confirm"), r.out());
        assertTrue(lines.contains("step five\tgoto:5\tcoaching,number"), r.out());
    }

    @Test
    void keyboard_addressWordTyped_isTheCommand_andUndoGoesBack() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        savedAt(2); // typed commands arrive at once, and step 1 can't be left before the safety notes end
        Result r = run("yes\ncoach next\nnext\nundo\n", "--keyboard", "--address", "coach", "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        List<Integer> steps = trace(trace).stream().filter(e -> e.get("type").getAsString().equals("step"))
                .map(e -> e.get("step").getAsInt()).toList();
        assertEquals(List.of(2, 3, 4, 3), steps);
        assertTrue(r.out().contains("Undone."), r.out());
    }
}
