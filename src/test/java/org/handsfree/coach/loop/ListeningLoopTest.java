package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole loop driven by a WAV script: real recognizer, real voice, simulated time. */
final class ListeningLoopTest {
    private static CommandRecognizer recognizer;
    private static CachingSynthesizer voice;

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load();
        voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 60L * SampleTime.RATE);
    }

    @AfterAll
    static void close() {
        recognizer.close();
        voice.close();
    }

    /** Low noise with clips placed at the given seconds. */
    static short[] script(double seconds, Object... clipsAt) throws Exception {
        short[] pcm = new short[(int) SampleTime.ofSeconds(seconds)];
        Random r = new Random(7);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(r.nextGaussian() * 30);
        }
        for (int k = 0; k < clipsAt.length; k += 2) {
            short[] clip = WavReader.read(Path.of(ListeningLoopTest.class.getResource("/audio/" + clipsAt[k]).toURI()));
            int at = (int) SampleTime.ofSeconds((Double) clipsAt[k + 1]);
            for (int i = 0; i < clip.length && at + i < pcm.length; i++) {
                pcm[at + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, pcm[at + i] + clip[i]));
            }
        }
        return pcm;
    }

    static List<JsonObject> run(short[] input, Double echoDb, int echoMs) throws Exception {
        return run(RoutineLoader.builtIn(), input, echoDb, echoMs);
    }

    /** The built-in routine without its safety notes, for tests of commands given in its first seconds. */
    static Routine withoutSafetyNotes() {
        Routine b = RoutineLoader.builtIn();
        return new Routine(b.title(), b.intro(), List.of(), b.steps(), b.closing());
    }

    static List<JsonObject> run(Routine routine, short[] input, Double echoDb, int echoMs) throws Exception {
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            PlayedSignal played = new PlayedSignal();
            new CoachLoop(new Session(routine),
                    AudioFileInput.inline(input, recognizer, played, echoDb, echoMs), voice, new NullSink(), trace,
                    Display.none(), false).playingInto(played).run();
        }
        return text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    static List<Integer> steps(List<JsonObject> trace) {
        return trace.stream().filter(e -> e.get("type").getAsString().equals("step")).map(e -> e.get("step").getAsInt())
                .toList();
    }

    @Test
    void spokenCommands_moveTheSession_andAreTraced() throws Exception {
        // The intro, safety notes and step 1 take about 55 s to say; commands come in the quiet after.
        List<JsonObject> t = run(script(90, "cmd_001_flite-rms.wav", 58.0, "cmd_025_flite-rms.wav", 80.0), null, 0);
        assertEquals(List.of(1, 2, 12), steps(t));
        JsonObject heard = t.stream().filter(e -> e.get("type").getAsString().equals("heard")).findFirst().orElseThrow();
        assertEquals("next", heard.get("intent").getAsString());
        assertTrue(heard.get("start").getAsLong() >= 57_800 && heard.get("end").getAsLong() <= 59_500, heard.toString());
        assertEquals("end", t.get(t.size() - 1).get("type").getAsString());
    }

    @Test
    void atRealPace_theTraceSaysWhereAnAnswersTimeWent() throws Exception {
        // "louder" said 2 s in, over the intro; decoded on its own thread as live input is, at real pace.
        short[] input = script(9, "cmd_017_flite-rms.wav", 2.0);
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text);
             AudioFileInput in = AudioFileInput.inBackground(org.handsfree.coach.audio.SampleStream.of(input),
                     java.util.concurrent.CompletableFuture.completedFuture(recognizer), new PlayedSignal(), null, 0)) {
            new CoachLoop(new Session(RoutineLoader.builtIn()), in, voice, new NullSink(), trace, Display.none(), true)
                    .run();
        }
        List<JsonObject> t = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        JsonObject heard = ofType(t, "heard").get(0);
        assertEquals("louder", heard.get("intent").getAsString());
        double decodeAt = heard.get("decodeAt").getAsDouble();
        double decodeMs = heard.get("decodeMs").getAsDouble();
        double phoneMs = heard.get("phoneLoopMs").getAsDouble();
        double reportedAt = heard.get("reportedAt").getAsDouble();
        long taken = heard.get("t").getAsLong() - heard.get("end").getAsLong();
        // The decode waits for the 100 ms of quiet it is given (less the frame the end is rounded to), and the loop
        // takes the verdict only once the stream reported it, which is after the decode ended.
        assertTrue(decodeAt >= 90, heard.toString());
        assertTrue(decodeMs > 0 && phoneMs > 0 && phoneMs < decodeMs, heard.toString());
        assertTrue(reportedAt >= decodeAt + decodeMs - 1 && taken >= reportedAt - 10, heard.toString());
        JsonObject answer = ofType(t, "say").stream().filter(e -> e.get("t").getAsLong() >= heard.get("t").getAsLong())
                .findFirst().orElseThrow();
        assertTrue(answer.get("text").getAsString().startsWith("Louder"), answer.toString());
        assertTrue(answer.get("renderMs").getAsDouble() >= 0 && answer.get("lateMs").getAsDouble() >= 0, answer.toString());
        // In simulated time the trace keeps to sample time, so the same input gives the same trace.
        assertTrue(run(input, null, 0).stream().noneMatch(e -> e.has("decodeMs") || e.has("renderMs")));
    }

    @Test
    void sameInput_givesTheSameTrace() throws Exception {
        short[] input = script(62, "cmd_001_flite-rms.wav", 58.0);
        assertEquals(run(input, null, 0), run(input, null, 0));
    }

    @Test
    void itsOwnVoiceEchoedBack_triggersNothing() throws Exception {
        for (double gain : new double[] {0, -6}) {
            List<JsonObject> t = run(script(60), gain, 40);
            assertEquals(List.of(1), steps(t), "echo at " + gain + " dB");
            assertTrue(t.stream().noneMatch(e -> e.get("type").getAsString().equals("heard")), "nothing heard at " + gain);
        }
    }

    static List<JsonObject> ofType(List<JsonObject> trace, String type) {
        return trace.stream().filter(e -> e.get("type").getAsString().equals(type)).toList();
    }

    static long t(JsonObject e) {
        return e.get("t").getAsLong();
    }

    @Test
    void next_saidOverTheIntro_isAnsweredAtOnce_andCarriedOutWhenTheSafetyNotesEnd() throws Exception {
        List<JsonObject> t = run(script(45, "cmd_001_flite-rms.wav", 3.0), null, 0);
        assertEquals(List.of(1, 2), steps(t));
        JsonObject heard = ofType(t, "heard").get(0);
        assertEquals("next", heard.get("intent").getAsString());
        JsonObject answer = ofType(t, "say").stream().filter(e -> t(e) >= t(heard)).findFirst().orElseThrow();
        assertEquals("After the safety notes.", answer.get("text").getAsString());
        assertTrue(t(answer) - t(heard) <= 10, answer.toString());
        JsonObject notes = ofType(t, "say").stream().filter(e -> t(e) > t(answer)).findFirst().orElseThrow();
        assertTrue(notes.get("text").getAsString().startsWith("First, some safety notes."), notes.toString());
        // Heard in full: step 2 only after the notes' last sample, and spoken within one frame of it.
        long notesEnd = notes.get("end").getAsLong();
        assertTrue(notesEnd - t(notes) > 10_000, "the notes were said in full: " + notes);
        JsonObject step2 = ofType(t, "step").get(1);
        assertTrue(t(step2) >= notesEnd && t(step2) - notesEnd <= 10, step2 + " after " + notes);
        JsonObject said = ofType(t, "say").stream().filter(e -> e.get("text").getAsString().startsWith("Step 2."))
                .findFirst().orElseThrow();
        assertTrue(t(said) - t(step2) <= 10, said.toString());
    }

    @Test
    void pauseDuringCounting_stopsTheBeats_andResumeStartsANewGrid() throws Exception {
        List<JsonObject> t = run(withoutSafetyNotes(), script(45, "cmd_025_flite-rms.wav", 2.0, "cmd_008_flite-rms.wav",
                30.0, "cmd_010_festival-slt.wav", 38.0), null, 0);
        assertEquals(List.of(1, 12), steps(t));
        JsonObject pause = ofType(t, "heard").get(1);
        JsonObject resume = ofType(t, "heard").get(2);
        assertEquals("pause", pause.get("intent").getAsString());
        assertEquals("resume", resume.get("intent").getAsString());
        List<Long> beats = ofType(t, "beat").stream().map(ListeningLoopTest::t).toList();
        List<Long> before = beats.stream().filter(b -> b < t(pause)).toList();
        List<Long> after = beats.stream().filter(b -> b > t(pause)).toList();
        assertTrue(before.size() >= 12, "counted before the pause: " + before);
        // Nothing sounds between "pause" and "resume"; the count starts again a moment after "resume".
        assertTrue(after.get(0) > t(resume), "first beat after the pause at " + after.get(0));
        assertTrue(after.get(0) - t(resume) <= 1000, "count restarted " + (after.get(0) - t(resume)) + " ms after resume");
        // The new grid is its own: its first beat is not where the old grid would have put one.
        long period = 4500;
        long phaseOld = Math.floorMod(before.get(0), period);
        long phaseNew = Math.floorMod(after.get(0), period);
        assertTrue(Math.abs(phaseOld - phaseNew) > 50, "new grid at phase " + phaseNew + ", old " + phaseOld);
        assertEquals(List.of("paused", "counting"), ofType(t, "state").stream().map(e -> e.get("state").getAsString())
                .filter(x -> x.equals("paused") || x.equals("counting")).skip(1).toList());
    }

    @Test
    void timeLeft_duringAHold_answersWithTheRightFigure() throws Exception {
        List<JsonObject> t = run(withoutSafetyNotes(), script(60, "cmd_025_flite-rms.wav", 2.0, "cmd_019_flite-slt.wav",
                40.0), null, 0);
        JsonObject asked = ofType(t, "heard").get(1);
        assertEquals("time_left", asked.get("intent").getAsString());
        long holdStart = ofType(t, "state").stream().filter(e -> e.get("state").getAsString().equals("counting"))
                .map(ListeningLoopTest::t).findFirst().orElseThrow();
        JsonObject answer = ofType(t, "say").stream().filter(e -> t(e) >= t(asked)).findFirst().orElseThrow();
        // Step 12 holds one to two minutes: what is left to two minutes, rounded up to the second.
        long left = (120_000 - (t(asked) - holdStart) + 999) / 1000;
        String expected = left / 60 + " minute" + (left / 60 == 1 ? "" : "s") + " and " + left % 60 + " seconds left.";
        assertTrue(answer.get("text").getAsString().startsWith(expected), answer + " expected " + expected);
    }

    @Test
    void stop_saidOverTheCoachsEchoedVoice_cutsItsSpeech() throws Exception {
        List<JsonObject> t = run(script(26, "cmd_012_flite-rms.wav", 20.0), -6.0, 40);
        List<JsonObject> heard = ofType(t, "heard");
        assertEquals(1, heard.size(), heard.toString());
        assertEquals("stop", heard.get(0).get("intent").getAsString());
        long at = t(heard.get(0));
        JsonObject intro = ofType(t, "say").get(0);
        assertEquals(0, t(intro));
        // The intro would have gone on for most of a minute; it stops within one 10 ms frame of the decision.
        long end = intro.get("end").getAsLong();
        assertTrue(end >= at && end <= at + 10, "intro ended at " + end + ", stop heard at " + at);
        assertTrue(ofType(t, "state").stream().anyMatch(e -> e.get("state").getAsString().equals("paused")));
    }
}
