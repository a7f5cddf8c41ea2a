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
import org.handsfree.coach.audio.SampleTime;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Session;
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
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            new CoachLoop(new Session(RoutineLoader.builtIn()),
                    new AudioFileInput(input, recognizer, echoDb, echoMs, CoachLoop.FRAME), voice, new NullSink(), trace,
                    Display.none(), false).run();
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
}
