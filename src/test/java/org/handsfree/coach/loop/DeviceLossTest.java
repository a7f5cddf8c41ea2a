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
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.FailoverSink;
import org.handsfree.coach.audio.FrameSource;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.SampleTime;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.Test;

/** A microphone or speaker that goes away mid-session: one line, a fallback, and the session keeps its place. */
final class DeviceLossTest {
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
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        VanishingMicrophone mic = new VanishingMicrophone(2);
        StringWriter text = new StringWriter();
        try (CommandRecognizer recognizer = CommandRecognizer.load();
             CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
             Trace trace = Trace.to(text)) {
            // Typed commands stand in for the keyboard, at known times.
            MicrophoneInput input = new MicrophoneInput(mic, recognizer, errors, () -> new ScriptedInput(List.of(
                    new ScriptedInput.Cue(SampleTime.ofSeconds(6), "next", Intent.of(Intent.Kind.NEXT)),
                    new ScriptedInput.Cue(SampleTime.ofSeconds(9), "where", Intent.of(Intent.Kind.WHERE))),
                    SampleTime.ofSeconds(12)));
            new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, new NullSink(), trace, Display.none(), false)
                    .run();
        }
        List<JsonObject> t = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("coach: the microphone went away; type commands instead (the words you would say), "
                + "and the session keeps its place\n", e);
        assertTrue(mic.closed);
        // Typed commands carry on from where the session was: step 1, then "next" to step 2.
        List<JsonObject> heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).toList();
        assertEquals(List.of("next", "where"), heard.stream().map(x -> x.get("intent").getAsString()).toList());
        assertEquals(6000, heard.get(0).get("t").getAsLong());
        List<Integer> steps = t.stream().filter(x -> x.get("type").getAsString().equals("step"))
                .map(x -> x.get("step").getAsInt()).toList();
        assertEquals(List.of(1, 2), steps);
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
        StringWriter text = new StringWriter();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (CommandRecognizer recognizer = CommandRecognizer.load();
             CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
             Trace trace = Trace.to(text)) {
            MicrophoneInput input = new MicrophoneInput(new VanishingMicrophone(said), recognizer,
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    () -> new ScriptedInput(List.of(), SampleTime.ofSeconds(10)));
            new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, new NullSink(), trace, Display.none(), false)
                    .run();
        }
        List<JsonObject> t = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        JsonObject heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).findFirst().orElseThrow();
        assertEquals("next", heard.get("intent").getAsString());
        // Where it was said, on the sample clock, whenever the decoder got to it.
        long start = heard.get("start").getAsLong();
        assertTrue(start >= 2900 && start <= 3400, heard.toString());
        assertTrue(heard.get("t").getAsLong() >= heard.get("end").getAsLong());
        assertEquals(List.of(1, 2), t.stream().filter(x -> x.get("type").getAsString().equals("step"))
                .map(x -> x.get("step").getAsInt()).toList());
    }

    @Test
    void aCommandSaidWhileTheRecognizerIsStillLoading_isHeardOnceItIsReady() throws Exception {
        short[] said = ListeningLoopTest.script(8, "cmd_001_flite-rms.wav", 1.0);
        StringWriter text = new StringWriter();
        try (CommandRecognizer recognizer = CommandRecognizer.load();
             CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
             Trace trace = Trace.to(text)) {
            java.util.concurrent.CompletableFuture<CommandRecognizer> loading = new java.util.concurrent.CompletableFuture<>();
            MicrophoneInput input = new MicrophoneInput(new VanishingMicrophone(said), loading,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    () -> new ScriptedInput(List.of(), SampleTime.ofSeconds(10)));
            // The loop starts (and speaks) before the recognizer is ready.
            java.util.concurrent.CompletableFuture.runAsync(() -> {
                java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
                loading.complete(recognizer);
            });
            new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, new NullSink(), trace, Display.none(), false)
                    .run();
        }
        List<JsonObject> t = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        JsonObject heard = t.stream().filter(x -> x.get("type").getAsString().equals("heard")).findFirst().orElseThrow();
        assertEquals("next", heard.get("intent").getAsString());
        long start = heard.get("start").getAsLong();
        assertTrue(start >= 900 && start <= 1400, heard.toString());
    }

    @Test
    void aRecognizerThatFailsToLoad_isOneLine_andTypedCommandsTakeOver() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter text = new StringWriter();
        try (CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
             Trace trace = Trace.to(text)) {
            MicrophoneInput input = new MicrophoneInput(new VanishingMicrophone(30),
                    java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("model missing")),
                    new PrintStream(err, true, StandardCharsets.UTF_8), () -> new ScriptedInput(List.of(
                    new ScriptedInput.Cue(SampleTime.ofSeconds(2), "next", Intent.of(Intent.Kind.NEXT))),
                    SampleTime.ofSeconds(4)));
            new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, new NullSink(), trace, Display.none(), false)
                    .run();
        }
        assertEquals("coach: the recognizer could not load (model missing); type commands instead (the words you would "
                + "say), and the session keeps its place\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(text.toString().contains("\"type\":\"step\",\"step\":2"), text.toString());
    }
}
