package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.audio.Clip;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.RealNoise;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.voice.Synthesizer;
import org.junit.jupiter.api.Test;

/** The loop tells its input what to listen for, and answers rejected speech as a person would. */
final class ContextLoopTest {
    /** 100 ms of quiet per spoken text: the loop's timing, without a voice. */
    private static final Synthesizer QUIET = new Synthesizer() {
        @Override
        public Clip render(String text) {
            return new Clip(new short[1600], 0);
        }

        @Override
        public void close() {
        }
    };

    /** Hands the loop what is due, and records every context it is told to listen in, with when. */
    private static final class Fake implements CommandInput {
        final List<Object[]> due = new ArrayList<>();
        final List<Context> contexts = new ArrayList<>();
        final long end;
        long now;

        Fake(long end) {
            this.end = end;
        }

        Fake at(double seconds, Hearing h) {
            due.add(new Object[] {SampleTime.ofSeconds(seconds), h});
            return this;
        }

        @Override
        public List<Hearing> poll(long t, int n) {
            now = t;
            List<Hearing> out = new ArrayList<>();
            due.removeIf(d -> {
                if ((Long) d[0] < t + n) {
                    out.add((Hearing) d[1]);
                    return true;
                }
                return false;
            });
            return out;
        }

        @Override
        public void listenFor(Context c) {
            if (contexts.isEmpty() || contexts.get(contexts.size() - 1) != c) {
                contexts.add(c);
            }
        }

        @Override
        public boolean ended() {
            return now >= end;
        }
    }

    private static List<JsonObject> run(Fake input, String address) throws Exception {
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            new CoachLoop(new Session(RoutineLoader.builtIn()), input, QUIET, new NullSink(), trace, Display.none(), false)
                    .addressedBy(address).run();
        }
        return text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static List<String> said(List<JsonObject> trace, String words) {
        return trace.stream().filter(e -> e.get("type").getAsString().equals("say"))
                .map(e -> e.get("text").getAsString()).filter(s -> s.contains(words)).toList();
    }

    private static Rejection rejected(double at, Rejection.Kind kind) {
        long t = SampleTime.ofSeconds(at);
        return new Rejection(t, t + 8000, Context.COACHING, kind);
    }

    @Test
    void theInputListensInTheSessionsContext() throws Exception {
        Fake in = new Fake(SampleTime.ofSeconds(30))
                .at(10, new Utterance("go to step", Intent.parse("goto"), 0.9, 0, 0, Context.COACHING))
                .at(12, new Utterance("five", Intent.parse("number:5"), 0.9, 0, 0, Context.NUMBER))
                .at(14, new Utterance("quit", Intent.parse("quit"), 0.9, 0, 0, Context.COACHING))
                .at(16, new Utterance("no", Intent.parse("no"), 0.9, 0, 0, Context.CONFIRM));
        List<JsonObject> t = run(in, null);
        assertEquals(List.of(Context.COACHING, Context.NUMBER, Context.COACHING, Context.CONFIRM, Context.COACHING),
                in.contexts);
        List<String> heardIn = t.stream().filter(e -> e.get("type").getAsString().equals("heard"))
                .map(e -> e.get("context").getAsString()).toList();
        assertEquals(List.of("coaching", "number", "coaching", "confirm"), heardIn);
    }

    @Test
    void anUnclearCommand_getsSayThatAgain_onceUntilACommandIsHeard() throws Exception {
        Fake in = new Fake(SampleTime.ofSeconds(30))
                .at(5, rejected(5, Rejection.Kind.UNCLEAR))
                .at(7, rejected(7, Rejection.Kind.UNCLEAR))
                .at(9, rejected(9, Rejection.Kind.SOUND))
                .at(11, new Utterance("repeat", Intent.parse("repeat"), 0.9, 0, 0, Context.COACHING))
                .at(13, rejected(13, Rejection.Kind.UNCLEAR));
        List<JsonObject> t = run(in, null);
        assertEquals(2, said(t, CoachLoop.SAY_AGAIN).size());
        assertEquals("coaching", t.stream().filter(e -> e.get("type").getAsString().equals("rejected")).findFirst()
                .orElseThrow().get("context").getAsString());
    }

    @Test
    void muchRejectedSpeech_suggestsAddressedModeOnce_butNotWhenItIsOn() throws Exception {
        Fake busy = new Fake(SampleTime.ofSeconds(200));
        Fake addressed = new Fake(SampleTime.ofSeconds(200));
        for (int i = 0; i < 2 * CoachLoop.BUSY_STRETCHES; i++) {
            busy.at(5 + 5 * i, rejected(5 + 5 * i, Rejection.Kind.SPEECH));
            addressed.at(5 + 5 * i, rejected(5 + 5 * i, Rejection.Kind.SPEECH));
        }
        List<JsonObject> t = run(busy, null);
        assertEquals(List.of(CoachLoop.BUSY_SUGGESTION), said(t, "It is busy here"));
        long when = t.stream().filter(e -> e.get("type").getAsString().equals("say")
                && e.get("text").getAsString().equals(CoachLoop.BUSY_SUGGESTION)).findFirst().orElseThrow().get("t").getAsLong();
        assertTrue(when >= 50_000 && when < 56_000, "after the tenth rejected stretch, at 50 s: " + when);
        assertEquals(List.of(), said(run(addressed, "coach"), "It is busy here"));
    }

    @Test
    void rejectedNoise_neverCountsAsABusyRoom() throws Exception {
        Fake noisy = new Fake(SampleTime.ofSeconds(200));
        for (int i = 0; i < 30; i++) {
            noisy.at(5 + 5 * i, rejected(5 + 5 * i, Rejection.Kind.SOUND));
        }
        List<JsonObject> t = run(noisy, null);
        assertEquals(List.of(), said(t, "It is busy here"));
        assertEquals(List.of(), said(t, CoachLoop.SAY_AGAIN));
    }

    @Test
    void aRealCommandTooNoisyToBeSure_getsSayThatAgain_andNoAction() throws Exception {
        // A real "wait" 10 dB over real vinyl hiss, as the recognizer hears it in coaching: the hiss itself is
        // sound (no answer), the command too noisy to act on.
        List<Hearing> heard;
        try (CommandRecognizer r = CommandRecognizer.load()) {
            heard = r.recognizeAll(RealNoise.mix(RealNoise.clip("wait_013.wav"), RealNoise.clip("noise_misc_014.wav"), 10),
                    Context.COACHING);
        }
        assertTrue(heard.stream().anyMatch(h -> h instanceof Rejection r && r.kind() == Rejection.Kind.UNCLEAR), heard.toString());
        Fake in = new Fake(SampleTime.ofSeconds(40));
        for (Hearing h : heard) {
            in.at(10 + SampleTime.toSeconds(h.end()), h);
        }
        List<JsonObject> t = run(in, null);
        assertEquals(1, said(t, CoachLoop.SAY_AGAIN).size());
        assertEquals(List.of(), t.stream().filter(e -> e.get("type").getAsString().equals("heard")).toList());
    }
}
