package org.handsfree.coach.session;

import static org.handsfree.coach.session.SessionDriver.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handsfree.coach.session.Intent.Kind;
import org.junit.jupiter.api.Test;

/** The safety notes are heard in full before step 1 is left the first time, whatever the user says. */
final class SafetyNotesTest {
    private static final String NOTES = "First, some safety notes. Be gentle.";

    @Test
    void start_saysTheNotes_andReadsStepOneOnlyOnceTheyEnd() {
        SessionDriver d = SessionDriver.inOpening();
        assertEquals(List.of("Test routine. Hello.", NOTES), said(d.log.stream().map(SessionDriver.Timed::action).toList()));
        assertEquals(List.of("Step 1. Do the first thing."), said(d.speechDone()));
        assertEquals(1, d.state.step());
        assertEquals(0, d.state.opening());
    }

    @Test
    void next_duringTheNotes_isAnsweredAndHonouredOnceTheyEnd() {
        SessionDriver d = SessionDriver.inOpening();
        assertEquals(List.of("After the safety notes.", NOTES), said(d.say(Kind.NEXT)));
        assertEquals(1, d.state.step(), "step 1 is not left while the notes are said");
        assertEquals(List.of("Step 2. Count three cycles."), said(d.speechDone()));
        assertEquals(2, d.state.step());
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void goTo_duringTheNotes_waitsForThemToo() {
        SessionDriver d = SessionDriver.inOpening();
        d.say(Intent.of(Kind.GOTO, 4));
        d.say(Kind.SKIP);
        assertEquals(1, d.state.step());
        assertEquals(List.of("Step 2. Count three cycles."), said(d.speechDone()), "the last request wins");
    }

    @Test
    void everyWayOff_stepOne_saysTheNotesAgainInFull() {
        for (Kind kind : Kind.values()) {
            SessionDriver d = SessionDriver.inOpening();
            Intent intent = kind.takesNumber() ? Intent.of(kind, 3) : Intent.of(kind);
            d.say(intent);
            if (d.state.mode() == Mode.CONFIRMING) {
                d.say(Kind.NO);
            }
            if (d.state.mode() == Mode.PAUSED) {
                d.say(Kind.RESUME);
            }
            if (d.state.mode() == Mode.ENDED) {
                continue;
            }
            assertEquals(1, d.state.step(), kind + " left step 1 during the notes");
            List<String> lastSaid = said(d.log.stream().map(SessionDriver.Timed::action).toList());
            assertTrue(lastSaid.get(lastSaid.size() - 1).equals(NOTES), kind + ": the notes are not said last: " + lastSaid);
        }
    }

    @Test
    void pauseAndResume_duringTheNotes_saysThemAgain() {
        SessionDriver d = SessionDriver.inOpening();
        d.say(Kind.PAUSE);
        assertEquals(List.of("Resuming.", NOTES), said(d.say(Kind.RESUME)));
        assertEquals(List.of("Step 1. Do the first thing."), said(d.speechDone()));
    }

    @Test
    void safety_saysTheNotesAgain_andGoesBackToTheStep() {
        SessionDriver d = new SessionDriver();
        d.say(Kind.NEXT);
        assertEquals(List.of("The safety notes. Be gentle.", "Step 2. Count three cycles."), said(d.say(Kind.SAFETY)));
        assertEquals(2, d.state.step());
    }

    @Test
    void aRoutineWithoutNotes_readsStepOneAtOnce() {
        SessionDriver d = new SessionDriver(SessionDriver.parse("""
                title: T
                steps:
                  - say: One.
                  - say: Two.
                """));
        assertEquals(List.of("T. ", "Step 1. One."), said(d.log.stream().map(SessionDriver.Timed::action).toList()));
        assertEquals(List.of("Step 2. Two."), said(d.say(Kind.NEXT)));
        assertEquals(List.of("This routine has no safety notes.", "Step 2. Two."), said(d.say(Kind.SAFETY)));
    }
}
