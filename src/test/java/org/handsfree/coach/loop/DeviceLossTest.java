package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.FailoverSink;
import org.handsfree.coach.audio.FrameSource;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.bench.ScriptedInput;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A microphone or speaker that goes away mid-session: one line, a fallback, and the session keeps its place. */
final class DeviceLossTest {
    private static CommandRecognizer recognizer;
    private static CachingSynthesizer voice;

    @BeforeAll
    static void load() {
        recognizer = CommandRecognizer.load();
        voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
    }

    @AfterAll
    static void close() {
        recognizer.close();
        voice.close();
    }

    /** What the coach played in this test's run: the microphone's echo canceller hears it. */
    private final PlayedSignal played = new PlayedSignal();

    /** Runs the built-in routine on {@code input} in simulated time; returns the trace. */
    List<JsonObject> run(CommandInput input) throws IOException {
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            // Without the safety notes: these tests give commands in the first seconds.
            new CoachLoop(new Session(ListeningLoopTest.withoutSafetyNotes()), input, voice, new NullSink(), trace, Display.none(), false)
                    .playingInto(played).run();
        }
        return text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    static PrintStream to(ByteArrayOutputStream err) {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }
    /** Low room noise (and what was said into it) for a while, then the device is gone. */
    static final class VanishingMicrophone implements FrameSource {
        private final Random random = new Random(3);
        private final short[] said;
        private int at;
        boolean closed;

        VanishingMicrophone(double seconds) {
            this(new short[(int) SampleTime.ofSeconds(seconds)]);
        }

        VanishingMicrophone(short[] said) {
            this.said = said;
        }

        @Override
        public void read(short[] frame) throws IOException {
            if (at + frame.length > said.length) {
                throw new IOException("the microphone went away");
            }
            for (int i = 0; i < frame.length; i++) {
                frame[i] = (short) Math.round(said[at + i] + random.nextGaussian() * 30);
            }
            at += frame.length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void lostMicrophone_switchesToTypedCommands_andKeepsThePlace() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        VanishingMicrophone mic = new VanishingMicrophone(2);
        // Typed commands stand in for the keyboard, at known times.
        List<JsonObject> t = run(new MicrophoneInput(mic, recognizer, played, to(err), () -> new ScriptedInput(List.of(
                new ScriptedInput.Cue(SampleTime.ofSeconds(6), "next", Intent.of(Intent.Kind.NEXT)),
                new ScriptedInput.Cue(SampleTime.ofSeconds(9), "where", Intent.of(Intent.Kind.WHERE))),
                SampleTime.ofSeconds(12))));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("coach: the microphone went away; type commands instead (the words you would say), "
                + "and the session keeps its place\n", e);
        assertTrue(mic.closed);
        // Typed commands carry on from where the session was: step 1, then "next" to step 2.
        List<JsonObject> heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).toList();
        assertEquals(List.of("next", "where"), heard.stream().map(x -> x.get("intent").getAsString()).toList());
        assertEquals(6000, heard.get(0).get("t").getAsLong());
        assertEquals(List.of(1, 2), ListeningLoopTest.steps(t));
        // The user is told aloud too: their eyes may be elsewhere.
        assertTrue(t.stream().anyMatch(x -> x.get("type").getAsString().equals("say")
                && x.get("text").getAsString().equals(MicrophoneInput.LOST_NOTICE)), t.toString());
    }

    @Test
    void lostSpeaker_isOneLine_andTheRestGoesOn() throws Exception {
        List<Integer> written = new ArrayList<>();
        AudioSink speaker = new AudioSink() {
            @Override
            public void write(short[] frame, int n) throws IOException {
                if (written.size() == 5) {
                    throw new IOException("the speaker went away");
                }
                written.add(n);
            }

            @Override
            public boolean paces() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FailoverSink sink = new FailoverSink(speaker, "speech goes to the screen",
                new PrintStream(err, true, StandardCharsets.UTF_8));
        short[] frame = new short[160];
        for (int i = 0; i < 20; i++) {
            sink.write(frame, 160);
        }
        assertEquals(5, written.size());
        assertTrue(sink.lost());
        assertFalse(sink.paces(), "with the speaker gone, the loop keeps time by the clock");
        assertEquals("coach: the speaker went away; speech goes to the screen, and the session keeps its place\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandSaidIntoTheMicrophone_isDecodedOffTheLoopThread_atItsTimeOnTheClock() throws Exception {
        short[] said = ListeningLoopTest.script(8, "cmd_001_flite-rms.wav", 3.0);
        List<JsonObject> t = run(new MicrophoneInput(new VanishingMicrophone(said), recognizer,
                played, to(new ByteArrayOutputStream()), () -> new ScriptedInput(List.of(), SampleTime.ofSeconds(10))));
        JsonObject heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).findFirst().orElseThrow();
        assertEquals("next", heard.get("intent").getAsString());
        // Where it was said, on the sample clock, whenever the decoder got to it.
        long start = heard.get("start").getAsLong();
        assertTrue(start >= 2900 && start <= 3400, heard.toString());
        assertTrue(heard.get("t").getAsLong() >= heard.get("end").getAsLong());
        assertEquals(List.of(1, 2), ListeningLoopTest.steps(t));
    }

    @Test
    void aCommandSaidWhileTheRecognizerIsStillLoading_isHeardOnceItIsReady() throws Exception {
        short[] said = ListeningLoopTest.script(8, "cmd_001_flite-rms.wav", 1.0);
        CompletableFuture<CommandRecognizer> loading = new CompletableFuture<>();
        MicrophoneInput input = new MicrophoneInput(new VanishingMicrophone(said), loading,
                played, to(new ByteArrayOutputStream()), () -> new ScriptedInput(List.of(), SampleTime.ofSeconds(10)));
        // The loop starts (and speaks) before the recognizer is ready.
        CompletableFuture.runAsync(() -> {
            LockSupport.parkNanos(300_000_000L);
            loading.complete(recognizer);
        });
        List<JsonObject> t = run(input);
        JsonObject heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).findFirst().orElseThrow();
        assertEquals("next", heard.get("intent").getAsString());
        long start = heard.get("start").getAsLong();
        assertTrue(start >= 900 && start <= 1400, heard.toString());
    }

    @Test
    void aRecognizerThatFailsToLoad_isOneLine_andTypedCommandsTakeOver() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<JsonObject> t = run(new MicrophoneInput(new VanishingMicrophone(30),
                CompletableFuture.failedFuture(new IllegalStateException("model missing")), played, to(err),
                () -> new ScriptedInput(List.of(
                        new ScriptedInput.Cue(SampleTime.ofSeconds(2), "next", Intent.of(Intent.Kind.NEXT))),
                        SampleTime.ofSeconds(4))));
        assertEquals("coach: the recognizer could not load (model missing); type commands instead (the words you would "
                + "say), and the session keeps its place\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(ListeningLoopTest.steps(t).contains(2), t.toString());
    }
}
