package org.handsfree.coach.session;

import static org.handsfree.coach.session.SessionDriver.beats;
import static org.handsfree.coach.session.SessionDriver.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.session.Intent.Kind;
import org.junit.jupiter.api.Test;

/** "Undo", leaving a hold, "which step?" and numbers mid-hold: mistakes heard from sound cost little. */
final class UndoTest {

    @Test
    void undo_afterAWrongJumpFromAHold_restoresStepAndTimerCountingTheTimeBetween() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        d.advance(20);
        long elapsedBefore = d.state.hold().elapsed(d.now);
        long jumpedAt = d.now;
        List<String> jump = said(d.say(Intent.of(Kind.GOTO, 2)));
        assertEquals("Leaving the hold with 1 minute and 40 seconds left. Say undo to go back. Step 2. Count three cycles.",
                jump.get(0));
        assertEquals(2, d.state.step());
        d.advance(7);
        List<String> undone = said(d.say(Kind.UNDO));
        assertEquals(List.of("Undone. Back to step 4: Short hold. 1 minute and 33 seconds left on the timer."), undone);
        assertEquals(4, d.state.step());
        assertEquals(Mode.HOLDING, d.state.mode());
        // The hands kept working while the coach was elsewhere: the 7 s count, to the sample.
        assertEquals(elapsedBefore + (d.now - jumpedAt), d.state.hold().elapsed(d.now));
        assertEquals(SampleTime.ofSeconds(27), d.state.hold().elapsed(d.now));
    }

    @Test
    void undo_afterFaster_putsThePaceBackAndKeepsCounting() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.say(Kind.FASTER);
        assertEquals(1, d.state.tempoLevel());
        d.advance(1);
        List<Action> a = d.say(Kind.UNDO);
        assertEquals(0, d.state.tempoLevel());
        assertEquals(Mode.COUNTING, d.state.mode());
        assertTrue(a.stream().anyMatch(x -> x instanceof Action.CancelBeats), "the faster beats already placed go");
        assertFalse(beats(d.advance(2)).isEmpty(), "the count goes on");
    }

    @Test
    void undo_afterLouder_setsTheVolumeBack() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        int before = d.state.volume();
        d.say(Kind.LOUDER);
        List<Action> a = d.say(Kind.UNDO);
        assertEquals(before, d.state.volume());
        assertTrue(a.contains(new Action.SetVolume(before)));
    }

    @Test
    void undo_withNothingToUndo_orTooLate_saysSo() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        assertEquals(List.of("There is nothing to undo."), said(d.say(Kind.UNDO)));
        d.say(Kind.NEXT);
        d.advance(61);
        int step = d.state.step();
        assertEquals("There is nothing to undo.", said(d.say(Kind.UNDO)).get(0));
        assertEquals(step, d.state.step());
    }

    @Test
    void undo_twice_doesNotUndoTheUndo() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        int step = d.state.step();
        d.say(Kind.NEXT);
        d.say(Kind.UNDO);
        assertEquals(step, d.state.step());
        assertEquals(List.of("There is nothing to undo."), said(d.say(Kind.UNDO)));
        assertEquals(step, d.state.step());
    }

    @Test
    void undo_ofAStepBackDuringAQuestion_isNo() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        d.say(Kind.QUIT);
        assertEquals(Context.CONFIRM, d.state.context());
        assertEquals(List.of("Okay, carrying on."), said(d.say(Kind.UNDO)));
        assertEquals(Mode.WAITING, d.state.mode());
    }

    @Test
    void goToStep_withoutANumber_asksWhichStep_inTheNumberContext() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        assertEquals(Context.COACHING, d.state.context());
        assertEquals(List.of("Which step?"), said(d.say(Intent.parse("goto"))));
        assertEquals(Context.NUMBER, d.state.context());
        assertEquals(List.of("Which step? Say a number from 1 to 5."), said(d.say(Kind.NEXT)));
        d.say(Intent.of(Kind.NUMBER, 3));
        assertEquals(3, d.state.step());
        assertEquals(Context.COACHING, d.state.context());
    }

    @Test
    void whichStep_unanswered_carriesOn() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        int step = d.state.step();
        d.say(Intent.parse("goto"));
        assertEquals(List.of("No step given, so I will carry on."), said(d.advance(16)));
        assertEquals(step, d.state.step());
        assertEquals(Context.COACHING, d.state.context());
    }

    @Test
    void aBareNumber_midHold_doesNotJump() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        int step = d.state.step();
        assertEquals(List.of("To go to a step, say go to step and its number."),
                said(d.say(Intent.of(Kind.NUMBER, 1))));
        assertEquals(step, d.state.step());
        assertEquals(Mode.HOLDING, d.state.mode());
    }

    @Test
    void contexts_followTheQuestions() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        d.say(Kind.RESTART);
        assertEquals(Context.CONFIRM, d.state.context());
        d.say(Kind.NO);
        assertEquals(Context.COACHING, d.state.context());
    }
}
