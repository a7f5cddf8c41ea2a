package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.bench.ScriptedInput;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders sessions through the real loop, voice and mixer into WAVs, and checks the audio against the trace. */
final class LoopRenderTest {
    private static CachingSynthesizer voice;
    private static final CommandGrammar GRAMMAR = CommandGrammar.builtIn();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 60L * SampleTime.RATE);
    }

    @AfterAll
    static void close() {
        voice.close();
    }

    record Rendered(short[] pcm, List<JsonObject> trace) {
        List<JsonObject> of(String type) {
            return trace.stream().filter(e -> e.get("type").getAsString().equals(type)).toList();
        }

        long whenSaid(String words) {
            return of("say").stream().filter(e -> e.get("text").getAsString().contains(words))
                    .mapToLong(e -> e.get("t").getAsLong()).findFirst().orElse(-1);
        }
    }

    static ScriptedInput.Cue cue(double seconds, String phrase) {
        return new ScriptedInput.Cue(SampleTime.ofSeconds(seconds), phrase, GRAMMAR.intentOf(phrase).orElseThrow());
    }

    Rendered render(List<ScriptedInput.Cue> cues, double seconds) throws Exception {
        Routine routine;
        try (InputStream in = getClass().getResourceAsStream("/routines/timed.yaml")) {
            routine = RoutineLoader.parse("timed.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Path wav = dir.resolve("out.wav");
        StringWriter text = new StringWriter();
        try (WavSink sink = new WavSink(wav); Trace trace = Trace.to(text)) {
            new CoachLoop(new Session(routine), new ScriptedInput(cues, SampleTime.ofSeconds(seconds)), voice, sink,
                    trace, Display.none(), false).run();
        }
        short[] pcm = WavReader.read(wav);
        List<JsonObject> events = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).get("t").getAsLong() >= events.get(i - 1).get("t").getAsLong(),
                    "the trace is in time order: " + events.get(i - 1) + " before " + events.get(i));
        }
        return new Rendered(pcm, events);
    }

    /** The perceptual onset, in ms, of the one beat around {@code t} (ms). */
    static long perceptualNear(short[] pcm, long tMs) {
        int from = (int) SampleTime.ofMillis(tMs - 150);
        short[] around = java.util.Arrays.copyOfRange(pcm, from, from + (int) SampleTime.ofMillis(600));
        return SampleTime.toMillis(from + org.handsfree.coach.audio.Onsets.perceptual(around));
    }

    /** First sample near {@code t} (ms) where a 1 ms window rises above -50 dBFS after silence. */
    static long audibleNear(short[] pcm, long tMs) {
        int from = (int) SampleTime.ofMillis(tMs - 30);
        for (int w = from; w < from + SampleTime.ofMillis(60); w += 16) {
            if (Levels.rms(pcm, w, w + 16) > Levels.fromDb(-50)) {
                return SampleTime.toMillis(w);
            }
        }
        return -1;
    }

    @Test
    void countedHold_beatsAreAudibleAtTheirTraceTimes_warningsFallOnTime_andNothingOverlaps() throws Exception {
        Rendered r = render(List.of(cue(1, "next"), cue(30, "faster"), cue(60, "louder"),
                cue(90, "how much time is left")), 320);
        List<JsonObject> beats = r.of("beat");
        assertTrue(beats.size() > 200, "beats: " + beats.size());
        List<long[]> speech = r.of("say").stream().map(e -> new long[] {e.get("t").getAsLong(), e.get("end").getAsLong()})
                .toList();
        for (JsonObject b : beats) {
            long t = b.get("t").getAsLong();
            if (speech.stream().anyMatch(x -> x[0] < t + 450 && x[1] > t - 150)) {
                continue; // speech is near: the window would hold it too
            }
            long heard = perceptualNear(r.pcm(), t);
            assertTrue(Math.abs(heard - t) <= 1, "beat at " + t + " ms is heard at " + heard + " ms");
            assertTrue(audibleNear(r.pcm(), t - 30) < t, "its first sound comes before the beat");
        }
        // The hold starts when the step's text has been said.
        JsonObject stepText = r.of("say").stream()
                .filter(e -> e.get("text").getAsString().startsWith("Step 2.")).findFirst().orElseThrow();
        long holdStart = stepText.get("end").getAsLong();
        assertEquals(holdStart + 180_000, r.whenSaid("You can stop any time now."), 10);
        assertEquals(holdStart + 240_000, r.whenSaid("One minute left."), 10);
        assertEquals(holdStart + 270_000, r.whenSaid("Thirty seconds left."), 10);
        assertEquals(holdStart + 300_000, r.whenSaid("Time is up."), 10);
        assertTrue(r.whenSaid("Step 3.") >= holdStart + 300_000, "then: next");
        // Speech and beats never talk over each other.
        for (JsonObject s : r.of("say")) {
            long from = s.get("t").getAsLong();
            long to = s.get("end").getAsLong();
            for (JsonObject b : beats) {
                long t = b.get("t").getAsLong();
                assertTrue(t < from || t >= to, "beat at " + t + " inside speech " + s);
            }
        }
    }

    @Test
    void faster_landsAtTheNextCycle_inTheAudio() throws Exception {
        Rendered r = render(List.of(cue(1, "next"), cue(30, "faster")), 60);
        List<JsonObject> beats = r.of("beat");
        long fasterAt = 30_000;
        long answerEnd = r.of("say").stream().filter(e -> e.get("text").getAsString().startsWith("Faster."))
                .findFirst().orElseThrow().get("end").getAsLong();
        // Cycles that start after the change and after the answer: 4.5 s / 1.1 long.
        List<Long> presses = beats.stream().filter(b -> b.get("word").getAsString().equals("press"))
                .map(b -> audibleNear(r.pcm(), b.get("t").getAsLong())).filter(t -> t > answerEnd).toList();
        assertTrue(presses.size() >= 3);
        for (int i = 1; i < presses.size(); i++) {
            assertEquals(4091, presses.get(i) - presses.get(i - 1), 2, "cycle " + i + " after faster");
        }
        List<Long> before = beats.stream().filter(b -> b.get("word").getAsString().equals("press"))
                .map(b -> b.get("t").getAsLong()).filter(t -> t < fasterAt).toList();
        assertEquals(4500, before.get(before.size() - 1) - before.get(before.size() - 2), 1);
    }

    @Test
    void louder_isLouderInTheAudio() throws Exception {
        Rendered r = render(List.of(cue(1, "next"), cue(30, "louder")), 60);
        List<JsonObject> presses = r.of("beat").stream().filter(b -> b.get("word").getAsString().equals("press")).toList();
        long first = presses.get(0).get("t").getAsLong();
        long last = presses.get(presses.size() - 1).get("t").getAsLong();
        int len = (int) SampleTime.ofMillis(300);
        double before = Levels.rms(r.pcm(), (int) SampleTime.ofMillis(first), (int) SampleTime.ofMillis(first) + len);
        double after = Levels.rms(r.pcm(), (int) SampleTime.ofMillis(last), (int) SampleTime.ofMillis(last) + len);
        assertEquals(CoachLoop.DB_PER_VOLUME_LEVEL, Levels.toDb(after / before), 0.1);
    }

    @Test
    void pause_cutsTheSpeechWithinOneFrame() throws Exception {
        Rendered r = render(List.of(cue(1.003, "pause")), 4);
        JsonObject intro = r.of("say").get(0);
        assertTrue(intro.get("text").getAsString().startsWith("Timed test."));
        long heardAt = r.of("heard").get(0).get("t").getAsLong();
        long end = intro.get("end").getAsLong();
        assertTrue(end - heardAt <= 10, "speech ended " + (end - heardAt) + " ms after the command was acted on");
        assertTrue(heardAt - 1003 <= 10, "acted on within a frame of being heard");
        assertEquals(intro.get("end").getAsLong(), r.whenSaid("Paused."), 1, "the answer follows at once");
        long endSample = SampleTime.ofMillis(end);
        assertTrue(Levels.rms(r.pcm(), (int) endSample + 16, (int) endSample + 160) > 0.005, "then 'Paused.' is heard");
        assertEquals(Intent.of(Intent.Kind.PAUSE).toString(), r.of("heard").get(0).get("intent").getAsString());
    }
}
