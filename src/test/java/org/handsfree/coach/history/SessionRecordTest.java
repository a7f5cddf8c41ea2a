package org.handsfree.coach.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.Display;
import org.handsfree.coach.bench.ScriptedInput;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session through the real loop, and what its record says: checked against the trace, to the sample. */
final class SessionRecordTest {
    private static final CommandGrammar GRAMMAR = CommandGrammar.builtIn();
    private static CachingSynthesizer voice;

    @BeforeAll
    static void load() {
        voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE);
    }

    @AfterAll
    static void close() {
        voice.close();
    }

    /** Keeps what it is given. */
    static final class Kept implements SessionRecord.Keeper {
        final List<HistoryEntry> checkpoints = new ArrayList<>();
        final List<HistoryEntry> done = new ArrayList<>();

        @Override
        public void checkpoint(HistoryEntry soFar) {
            checkpoints.add(soFar);
        }

        @Override
        public void done(HistoryEntry entry) {
            done.add(entry);
        }
    }

    record Run(HistoryEntry entry, Kept kept, List<JsonObject> trace) {
        long at(String type, String field, int value) {
            return trace.stream().filter(e -> e.get("type").getAsString().equals(type)
                    && e.has(field) && e.get(field).getAsInt() == value).findFirst().orElseThrow().get("t").getAsLong();
        }

        long atState(String state) {
            return trace.stream().filter(e -> e.get("type").getAsString().equals("state")
                    && e.get("state").getAsString().equals(state)).findFirst().orElseThrow().get("t").getAsLong();
        }
    }

    static ScriptedInput.Cue cue(double seconds, String phrase) {
        return new ScriptedInput.Cue(SampleTime.ofSeconds(seconds), phrase, GRAMMAR.intentOf(phrase).orElseThrow());
    }

    static Routine routine() throws Exception {
        try (InputStream in = SessionRecordTest.class.getResourceAsStream("/routines/screen.yaml")) {
            return RoutineLoader.parse("screen.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Run run(List<ScriptedInput.Cue> cues, double seconds) throws Exception {
        Routine routine = routine();
        Kept kept = new Kept();
        Instant[] wall = {Instant.parse("2026-03-02T09:00:00Z")};
        SessionRecord record = new SessionRecord(routine, () -> wall[0], kept);
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            new CoachLoop(new Session(routine), new ScriptedInput(cues, SampleTime.ofSeconds(seconds)), voice,
                    new NullSink(), trace, Display.none(), false).watchedBy(record).run();
        }
        List<JsonObject> events = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertEquals(1, kept.done.size());
        return new Run(kept.done.get(0), kept, events);
    }

    @Test
    void finishedSession_stepTimesAndHoldMatchTheTrace() throws Exception {
        // Step 2's hold starts when "Step 2. Hold." has been said, and "next" ends it after 200 s.
        Run r = run(List.of(cue(3, "next"), cue(210, "next"), cue(215, "next"), cue(222, "quit"), cue(223, "yes")), 400);
        HistoryEntry e = r.entry();
        long step2 = r.at("step", "step", 2);
        long step3 = r.at("step", "step", 3);
        long finished = r.atState("finished");
        assertEquals(List.of(new HistoryEntry.StepTime(1, step2), new HistoryEntry.StepTime(2, step3 - step2),
                new HistoryEntry.StepTime(3, finished - step3)), e.steps());
        long holdStart = r.trace().stream().filter(x -> x.get("type").getAsString().equals("state")
                && x.get("state").getAsString().equals("holding")).findFirst().orElseThrow().get("t").getAsLong();
        // The hold starts at the very sample the step's speech ended; the trace stamps its state at the
        // end of that 10 ms frame.
        assertEquals(1, e.holds().size());
        HistoryEntry.HoldTime hold = e.holds().get(0);
        assertEquals(2, hold.step());
        assertTrue(hold.complete());
        assertTrue(hold.millis() >= step3 - holdStart && hold.millis() <= step3 - holdStart + 10,
                hold + " vs " + (step3 - holdStart));
        assertTrue(step3 - holdStart > 200_000 && step3 - holdStart < 210_000, "hold " + (step3 - holdStart));
        assertEquals(HistoryEntry.FINISHED, e.ended());
        assertEquals(3, e.stepReached());
        assertEquals(3, e.stepsTotal());
        assertEquals(r.trace().get(r.trace().size() - 1).get("t").getAsLong(), e.millis());
        assertEquals("Screen test", e.routine());
        assertEquals(1.0, e.tempo());
    }

    @Test
    void finishing_saysOneSentenceOfTheSession() throws Exception {
        Run r = run(List.of(cue(3, "next"), cue(6, "next"), cue(70, "next"), cue(80, "quit"), cue(81, "yes")), 100);
        List<String> said = r.trace().stream().filter(x -> x.get("type").getAsString().equals("say"))
                .map(x -> x.get("text").getAsString()).toList();
        int closing = said.indexOf("Done.");
        assertEquals("Today: 1 minute, all 3 steps.", said.get(closing + 1));
    }

    @Test
    void shortHold_isKeptAsIncomplete_andQuitIsQuit() throws Exception {
        Run r = run(List.of(cue(3, "next"), cue(30, "quit"), cue(31, "yes")), 60);
        HistoryEntry e = r.entry();
        assertEquals(1, e.holds().size());
        assertEquals(2, e.holds().get(0).step());
        assertTrue(!e.holds().get(0).complete() && e.holds().get(0).millis() > 20_000, e.holds().toString());
        assertEquals(HistoryEntry.QUIT, e.ended());
        assertEquals(2, e.stepReached());
    }

    @Test
    void inputEnding_isInputClosed_andCheckpointsFollowTheSteps() throws Exception {
        Run r = run(List.of(cue(3, "next"), cue(40, "faster")), 50);
        HistoryEntry e = r.entry();
        assertEquals(HistoryEntry.INPUT_CLOSED, e.ended());
        assertEquals(1.1, e.tempo(), "the tempo the user left it at");
        // One checkpoint at the start, one at step 2, then one every 15 s of the session.
        List<Long> at = r.kept().checkpoints.stream().map(HistoryEntry::millis).toList();
        assertEquals(0L, at.get(0));
        assertEquals(r.at("step", "step", 2), at.get(1));
        assertTrue(at.size() >= 4, at.toString());
        r.kept().checkpoints.forEach(c -> assertEquals(HistoryEntry.CRASH_RECOVERED, c.ended()));
    }
}
