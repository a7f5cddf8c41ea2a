package org.handsfree.coach.session;

import static org.handsfree.coach.session.SessionDriver.beats;
import static org.handsfree.coach.session.SessionDriver.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.handsfree.coach.session.Intent.Kind;
import org.handsfree.coach.time.SampleTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class SessionTest {

    private static Intent sample(Kind kind) {
        return kind.takesNumber() ? Intent.of(kind, 2) : Intent.of(kind);
    }

    static Stream<Arguments> everyIntentInEveryLiveState() {
        List<Arguments> all = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            if (mode == Mode.ENDED) {
                continue;
            }
            for (Kind kind : Kind.values()) {
                all.add(Arguments.of(mode, kind));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} while {0}")
    @MethodSource("everyIntentInEveryLiveState")
    void everyAcceptedCommand_getsAnImmediateSpokenAnswer(Mode mode, Kind kind) {
        SessionDriver d = SessionDriver.in(mode);
        List<Action> actions = d.say(sample(kind));
        Action.Say first = actions.stream().filter(a -> a instanceof Action.Say).map(a -> (Action.Say) a)
                .findFirst().orElseThrow(() -> new AssertionError("no spoken answer to " + kind + " in " + mode));
        assertTrue(first.cut(), "the answer cuts what was being said, so it is heard at once");
        assertFalse(first.text().isBlank());
        assertNotNull(d.state.mode());
        assertTrue(d.state.step() >= 1 && d.state.step() <= 5, "step stays in range");
    }

    @Test
    void ended_ignoresEverything() {
        SessionDriver d = SessionDriver.in(Mode.ENDED);
        for (Kind kind : Kind.values()) {
            assertEquals(List.of(), d.say(sample(kind)));
            assertEquals(Mode.ENDED, d.state.mode());
        }
        assertEquals(List.of(), d.advance(200));
    }

    @Test
    void start_saysIntroAndSafetyThenStepOne() {
        SessionDriver d = new SessionDriver();
        List<String> said = said(d.log.stream().map(SessionDriver.Timed::action).toList());
        assertEquals(3, said.size());
        assertTrue(said.get(0).startsWith("Test routine. Hello."));
        assertTrue(said.get(1).contains("Be gentle."));
        assertEquals("Step 1. Do the first thing.", said.get(2));
        assertEquals(Mode.NARRATING, d.state.mode());
        assertEquals(1, d.state.step());
    }

    @Test
    void plainStep_waitsAfterItIsSaid() {
        SessionDriver d = new SessionDriver();
        d.speechDone();
        assertEquals(Mode.WAITING, d.state.mode());
        assertEquals(List.of(), d.advance(600), "nothing happens by itself on a plain step");
    }

    @Test
    void next_movesOn_andCutsTheNarration() {
        SessionDriver d = new SessionDriver();
        List<Action> a = d.say(Kind.NEXT);
        assertEquals(2, d.state.step());
        assertEquals(Mode.NARRATING, d.state.mode());
        assertEquals(List.of(new Action.Say("Step 2. Count three cycles.", true)), a);
    }

    @Test
    void back_onFirstStep_saysSo() {
        SessionDriver d = new SessionDriver();
        d.speechDone();
        assertEquals(List.of("This is the first step."), said(d.say(Kind.BACK)));
        assertEquals(1, d.state.step());
        d.say(Kind.NEXT);
        d.say(Kind.BACK);
        assertEquals(1, d.state.step());
    }

    @Test
    void goto_outOfRange_saysHowManyStepsThereAre() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        assertEquals(List.of("There are 5 steps. Say a number from 1 to 5."), said(d.say(Intent.of(Kind.GOTO, 9))));
        assertEquals(1, d.state.step());
        d.say(Intent.of(Kind.GOTO, 0));
        assertEquals(1, d.state.step());
        d.say(Intent.of(Kind.NUMBER, 4));
        assertEquals(4, d.state.step(), "a number alone goes to that step");
    }

    @Test
    void next_duringHold_movesOnEarly() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        d.advance(30);
        d.say(Kind.NEXT);
        assertEquals(5, d.state.step());
        assertNull(d.state.hold());
    }

    @Test
    void next_onLastStep_saysClosingAndFinishes() {
        SessionDriver d = new SessionDriver();
        d.say(Intent.of(Kind.GOTO, 5));
        List<Action> a = d.say(Kind.NEXT);
        assertEquals(List.of("All done."), said(a));
        assertEquals(Mode.FINISHED, d.state.mode());
        d.say(Kind.RESTART);
        assertEquals(1, d.state.step(), "start over needs no confirmation once finished");
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void finished_endsByItselfAfterTwoMinutes() {
        SessionDriver d = SessionDriver.in(Mode.FINISHED);
        d.advance(119);
        assertEquals(Mode.FINISHED, d.state.mode());
        List<Action> a = d.advance(2);
        assertEquals(Mode.ENDED, d.state.mode());
        assertTrue(a.contains(new Action.End()));
    }

    @Test
    void quit_asksFirst_yesEnds() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        assertEquals(List.of("Do you want to end the session? Say yes or no."), said(d.say(Kind.QUIT)));
        assertEquals(Mode.CONFIRMING, d.state.mode());
        List<Action> a = d.say(Kind.YES);
        assertEquals(Mode.ENDED, d.state.mode());
        assertTrue(a.contains(new Action.End()));
    }

    @Test
    void quit_no_returnsToWhereItWas() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.say(Kind.QUIT);
        d.advance(3);
        d.say(Kind.NO);
        assertEquals(Mode.COUNTING, d.state.mode());
        assertEquals(3, d.state.step());
        assertFalse(beats(d.advance(5)).isEmpty(), "the count goes on");
    }

    @Test
    void confirming_otherCommands_askAgain_andSilenceMeansNo() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        d.say(Kind.RESTART);
        d.say(Kind.NEXT);
        assertEquals(List.of("Please say yes or no."), said(d.log.stream().skip(d.log.size() - 1)
                .map(SessionDriver.Timed::action).toList()));
        assertEquals(Mode.CONFIRMING, d.state.mode());
        d.advance(14.9);
        assertEquals(Mode.CONFIRMING, d.state.mode());
        d.advance(0.2);
        assertEquals(Mode.WAITING, d.state.mode());
        assertEquals(1, d.state.step());
    }

    @Test
    void restart_yes_goesToStepOne() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        d.say(Kind.RESTART);
        d.say(Kind.YES);
        assertEquals(1, d.state.step());
        assertEquals(Mode.NARRATING, d.state.mode());
        assertTrue(d.whenSaid("Starting over. Step 1.") >= 0);
    }

    @Test
    void count_startsOnGrid_afterTheStepIsSaid() {
        SessionDriver d = new SessionDriver();
        d.say(Intent.of(Kind.GOTO, 3));
        d.advance(2);
        long spoken = d.now;
        List<Action> first = d.speechDone();
        assertEquals(Mode.COUNTING, d.state.mode());
        List<Action> all = new ArrayList<>(first);
        all.addAll(d.advance(60));
        List<Action.Beat> beats = beats(all);
        long origin = spoken + Session.COUNT_LEAD;
        double[] offsets = {0, 1, 2, 3};
        for (int i = 0; i < beats.size(); i++) {
            Action.Beat b = beats.get(i);
            long cycle = i / 4;
            long expected = origin + SampleTime.ofSeconds(cycle * 4.5 + offsets[i % 4]);
            assertEquals(expected, b.at(), "beat " + i);
            assertEquals(cycle, b.cycle());
            assertEquals(List.of("press", "squeeze", "release", "rest").get(i % 4), b.word());
        }
        assertEquals(4 * 13 + 2, beats.size(), "about 60 s of beats, scheduled 0.3 s ahead");
    }

    @Test
    void beats_areScheduledAheadButNotTooFar() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        for (int i = 0; i < 500; i++) {
            long now = d.now;
            for (Action.Beat b : beats(d.advance(0.01))) {
                assertTrue(b.at() >= now && b.at() <= d.now + Session.LOOKAHEAD, "beat at " + b.at() + " now " + d.now);
            }
        }
    }

    @Test
    void faster_changesTempoAtTheNextCycle_andSaysTheNewPace() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        List<Action> before = new ArrayList<>(d.log.stream().map(SessionDriver.Timed::action).toList());
        before.addAll(d.advance(10));
        List<Action> a = d.say(Kind.FASTER);
        assertEquals(List.of("Faster. One cycle every 4.1 seconds."), said(a));
        List<Action.Beat> after = beats(d.advance(20));
        List<Action.Beat> earlier = beats(before);
        Action.Beat last = earlier.get(earlier.size() - 1);
        // Beats already scheduled in the current cycle keep the old spacing.
        int i = 0;
        long prev = last.at();
        while (after.get(i).cycle() == last.cycle()) {
            assertEquals(SampleTime.ofSeconds(1), after.get(i).at() - prev);
            prev = after.get(i).at();
            i++;
        }
        Action.Beat boundary = after.get(i);
        assertEquals("press", boundary.word(), "the new tempo starts with a new cycle");
        // The new cycle starts where the old one ends (after its 1.5 s rest), then runs 10% faster.
        assertEquals(prev + SampleTime.ofSeconds(1.5), boundary.at());
        assertEquals(SampleTime.ofSeconds(1 / 1.1), after.get(i + 1).at() - boundary.at(), 1);
        assertEquals(SampleTime.ofSeconds(4.5 / 1.1), after.get(i + 4).at() - boundary.at(), 1);
    }

    @Test
    void tempo_staysWithinBounds() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        for (int i = 0; i < 20; i++) {
            d.say(Kind.FASTER);
        }
        assertEquals(Session.MAX_TEMPO_LEVEL, d.state.tempoLevel());
        assertEquals(List.of("That is as fast as I go."), said(d.say(Kind.FASTER)));
        for (int i = 0; i < 30; i++) {
            d.say(Kind.SLOWER);
        }
        assertEquals(Session.MIN_TEMPO_LEVEL, d.state.tempoLevel());
        assertEquals(List.of("That is as slow as I go."), said(d.say(Kind.SLOWER)));
        assertTrue(Session.tempo(Session.MAX_TEMPO_LEVEL) < 1.7 && Session.tempo(Session.MIN_TEMPO_LEVEL) > 0.5);
    }

    @Test
    void louderAndQuieter_stepTheVolumeWithinBounds() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        List<Action> a = d.say(Kind.LOUDER);
        assertEquals(new Action.SetVolume(Session.DEFAULT_VOLUME + 1), a.get(0), "volume changes before the answer");
        assertEquals("Louder. Volume 8 of 10.", said(a).get(0));
        for (int i = 0; i < 10; i++) {
            d.say(Kind.LOUDER);
        }
        assertEquals(Session.MAX_VOLUME, d.state.volume());
        assertEquals(List.of("This is as loud as I go."), said(d.say(Kind.LOUDER)));
        for (int i = 0; i < 20; i++) {
            d.say(Kind.QUIETER);
        }
        assertEquals(Session.MIN_VOLUME, d.state.volume());
    }

    @Test
    void limitedCount_endsAfterItsCycles_andMovesOn() {
        SessionDriver d = new SessionDriver();
        d.say(Intent.of(Kind.GOTO, 2));
        d.speechDone();
        List<Action> a = d.advance(0.6 + 3 * 4.5 - 0.05);
        assertEquals(12, beats(a).size() + beats(d.log.stream().filter(t -> t.at() == 0)
                .map(SessionDriver.Timed::action).toList()).size());
        assertEquals(2, d.state.step());
        d.advance(0.1);
        assertEquals(3, d.state.step(), "then: next moves on after the last cycle");
    }

    @Test
    void longHold_warnsAndEndsAtTheRightTimes() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        long start = d.now;
        d.advance(301);
        assertEquals(start + SampleTime.ofSeconds(180), d.whenSaid("You can stop any time now."), 160);
        assertEquals(start + SampleTime.ofSeconds(240), d.whenSaid("One minute left."), 160);
        assertEquals(start + SampleTime.ofSeconds(270), d.whenSaid("Thirty seconds left."), 160);
        assertEquals(start + SampleTime.ofSeconds(300), d.whenSaid("Time is up."), 160);
        assertEquals(4, d.state.step(), "then: next");
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void shortHold_oneToTwoMinutes_announcesMinimumAndThirtySeconds_thenWaits() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        long start = d.now;
        d.advance(125);
        assertEquals(start + SampleTime.ofSeconds(60), d.whenSaid("That is 1 minute. You can stop any time now."), 160);
        assertEquals(-1, d.whenSaid("One minute left."), "no warning at the minimum itself");
        assertEquals(start + SampleTime.ofSeconds(90), d.whenSaid("Thirty seconds left."), 160);
        assertEquals(start + SampleTime.ofSeconds(120), d.whenSaid("That is 2 minutes. Time is up."), 160);
        assertEquals(Mode.WAITING, d.state.mode());
        assertEquals(4, d.state.step(), "then: wait");
    }

    @Test
    void timeLeft_answersForTheHold_orSaysThereIsNoTimer() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(100);
        assertEquals(List.of("3 minutes and 20 seconds left. You can stop in 1 minute and 20 seconds."),
                said(d.say(Kind.TIME_LEFT)));
        d.advance(100);
        assertEquals(List.of("1 minute and 40 seconds left. You can stop any time."), said(d.say(Kind.TIME_LEFT)));
        d.say(Kind.NEXT);
        d.speechDone();
        d.say(Kind.NEXT);
        d.speechDone();
        assertEquals(List.of("This step has no timer."), said(d.say(Kind.TIME_LEFT)));
    }

    @Test
    void pause_freezesTimerAndCount_resumeContinuesOnANewGrid() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(30);
        List<Action> p = d.say(Kind.PAUSE);
        assertTrue(p.contains(new Action.CancelBeats(d.now)));
        assertEquals(Mode.PAUSED, d.state.mode());
        assertTrue(beats(d.advance(600)).isEmpty(), "no beats while paused");
        assertTrue(said(d.say(Kind.TIME_LEFT)).get(0).startsWith("4 minutes and 30 seconds left."),
                "ten minutes of pause didn't count");
        long resumedAt = d.now;
        List<Action> r = d.say(Kind.RESUME);
        r = new ArrayList<>(r);
        r.addAll(d.advance(5));
        assertEquals(Mode.COUNTING, d.state.mode());
        List<Action.Beat> b = beats(r);
        assertEquals("press", b.get(0).word(), "the count restarts at the top of a cycle");
        assertEquals(resumedAt + Session.COUNT_LEAD, b.get(0).at());
    }

    @Test
    void pause_duringNarration_readsTheStepAgainOnResume() {
        SessionDriver d = new SessionDriver();
        d.say(Kind.PAUSE);
        assertEquals(Mode.PAUSED, d.state.mode());
        List<String> said = said(d.say(Kind.RESUME));
        assertEquals(List.of("Resuming.", "Step 1. Do the first thing."), said);
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void stopCounting_keepsTheHold_countStartsAgain() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(10);
        d.say(Kind.STOP_COUNT);
        assertEquals(Mode.HOLDING, d.state.mode());
        assertTrue(beats(d.advance(10)).isEmpty());
        assertEquals(SampleTime.ofSeconds(20), d.state.hold().elapsed(d.now), 1);
        d.say(Kind.COUNT);
        assertEquals(Mode.COUNTING, d.state.mode());
        assertFalse(beats(d.advance(2)).isEmpty());
        assertEquals(List.of("I am already counting."), said(d.say(Kind.COUNT)));
    }

    @Test
    void count_onAStepWithoutRhythm_saysSo() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        assertEquals(List.of("This step has no count."), said(d.say(Kind.COUNT)));
        assertEquals(Mode.WAITING, d.state.mode());
    }

    @Test
    void where_saysStepNumberTotalAndTitle() {
        SessionDriver d = SessionDriver.in(Mode.HOLDING);
        assertEquals(List.of("Step 4 of 5: Short hold."), said(d.say(Kind.WHERE)));
    }

    @Test
    void where_duringNarration_answersThenReadsTheStepAgain() {
        SessionDriver d = new SessionDriver();
        assertEquals(List.of("Step 1 of 5: Plain.", "Step 1. Do the first thing."), said(d.say(Kind.WHERE)));
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void help_givesTheStepsTipAndWhatToSay() {
        SessionDriver d = SessionDriver.in(Mode.WAITING);
        String help = said(d.say(Kind.HELP)).get(0);
        assertTrue(help.startsWith("Slowly does it."));
        assertTrue(help.contains("next") && help.contains("go to step"));
        SessionDriver c = SessionDriver.in(Mode.CONFIRMING);
        assertEquals(List.of("Please say yes or no."), said(c.say(Kind.HELP)));
    }

    @Test
    void repeat_saysTheStepAgain_withoutRestartingTheHold() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(40);
        assertEquals(List.of("Keep going for three to five minutes."), said(d.say(Kind.REPEAT)));
        assertEquals(Mode.COUNTING, d.state.mode());
        assertEquals(SampleTime.ofSeconds(40), d.state.hold().elapsed(d.now), 1);
    }

    @Test
    void minutesOfVirtualTime_runInMilliseconds() {
        long t0 = System.nanoTime();
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(30 * 60);
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(d.log.size() > 100);
        // Not a timing assertion on a busy machine: a generous bound that catches sleeping or wall-clock reads.
        assertTrue(ms < 20_000, "30 virtual minutes took " + ms + " ms");
    }

    @Test
    void tell_saysItAtOnce_thenReadsTheStepAgain() {
        SessionDriver d = new SessionDriver();
        List<Action> a = d.apply(d.session.tell(d.state, "The microphone is gone.", d.now));
        assertEquals(List.of(new Action.Say("The microphone is gone.", true), new Action.Say("Step 1. Do the first thing.", false)), a);
        assertEquals(Mode.NARRATING, d.state.mode());
    }

    @Test
    void tell_whileCounting_keepsTheCountGoing() {
        SessionDriver d = SessionDriver.in(Mode.COUNTING);
        d.advance(5);
        SessionState before = d.state;
        List<Action> a = d.apply(d.session.tell(d.state, "The microphone is gone.", d.now));
        assertEquals(List.of(new Action.Say("The microphone is gone.", true)), a);
        assertEquals(before, d.state);
        assertFalse(SessionDriver.beats(d.advance(5)).isEmpty(), "the count goes on");
    }
}
