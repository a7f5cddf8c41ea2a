package org.handsfree.coach.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handsfree.coach.routine.Hold;
import org.handsfree.coach.routine.Rhythm;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.Step;
import org.handsfree.coach.session.Intent.Kind;
import org.handsfree.coach.session.SessionState.Question;
import org.handsfree.coach.time.SampleTime;

/**
 * The coaching logic, pure: {@code (state, intent or tick, now) -> (state, actions)}. Time is a
 * sample count passed in; nothing here sleeps, reads a clock or touches audio, so tests run
 * minutes of coaching in milliseconds.
 *
 * <p>Every accepted command gets a spoken answer at once (cutting whatever was being said), so a
 * user whose eyes are elsewhere knows they were heard.
 */
public final class Session {
    public static final int MIN_VOLUME = 1;
    public static final int MAX_VOLUME = 10;
    public static final int DEFAULT_VOLUME = 7;
    /** Tempo moves in steps of 10%: from 1.1^-6 (about 0.56x) to 1.1^5 (about 1.6x). */
    public static final int MIN_TEMPO_LEVEL = -6;
    public static final int MAX_TEMPO_LEVEL = 5;
    /** How far ahead beats are scheduled, so the mixer can place each word's onset exactly. */
    public static final long LOOKAHEAD = SampleTime.ofSeconds(0.3);
    /** The pause between the end of speech and the first beat of a count. */
    public static final long COUNT_LEAD = SampleTime.ofSeconds(0.6);
    /** An unanswered "are you sure?" counts as no after this long. */
    public static final long ANSWER_TIMEOUT = SampleTime.ofSeconds(15);
    /** "Undo" puts back what the last command changed for this long after it. */
    public static final long UNDO_WINDOW = SampleTime.ofSeconds(60);
    /** A finished session says goodbye by itself after this long. */
    public static final long FINISHED_TIMEOUT = SampleTime.ofSeconds(120);
    private static final int[] WARNING_SECONDS = {60, 30};
    private static final String[] WARNING_WORDS = {"One minute left.", "Thirty seconds left."};

    private final Routine routine;

    public Session(Routine routine) {
        this.routine = routine;
    }

    /** Begins at step 1, after the intro and the safety notes. */
    public Transition start(long now) {
        Out out = new Out();
        return out.to(begin(now, false, out));
    }

    /**
     * Begins by offering to go on at {@code step}, where an earlier session ended unfinished: "yes"
     * (or no answer) goes on there, "no" starts from the beginning.
     */
    public Transition offerResume(int step, long now) {
        if (step < 2 || step > routine.size()) {
            return start(now);
        }
        Out out = new Out();
        out.say(routine.title() + ". Welcome back. Last time you stopped at step " + step + ": "
                + routine.step(step).title() + ". Resume at step " + step + "? Say yes or no.", false);
        return out.to(new SessionState(Mode.CONFIRMING, step, null, null, Question.RESUME, now, null, null, 0,
                DEFAULT_VOLUME));
    }

    /**
     * The title, the intro and the safety notes; step 1 is read once the notes have been heard in full
     * (see {@link SessionState#opening()}), so nothing a user says can skip them.
     */
    private SessionState begin(long now, boolean cut, Out out) {
        out.say(routine.title() + ". " + routine.intro(), cut);
        if (routine.safety().isEmpty()) {
            out.say(narration(1), false);
            return new SessionState(Mode.NARRATING, 1, null, null, null, now, null, null, 0, DEFAULT_VOLUME);
        }
        out.say(safetyNotes(), false);
        return new SessionState(Mode.NARRATING, 1, null, null, null, now, null, null, 0, DEFAULT_VOLUME, 1);
    }

    private String safetyNotes() {
        return "First, some safety notes. " + String.join(" ", routine.safety());
    }

    /**
     * The user asked to leave step 1 before the safety notes were heard in full: they are said again from
     * the start, and the request is carried out once they end.
     */
    private SessionState afterSafety(SessionState s, int target, long now, Out out) {
        stopBeats(s, now, out);
        out.say("After the safety notes.", true);
        out.say(safetyNotes(), false);
        return new SessionState(Mode.NARRATING, 1, null, null, null, now, null, null, s.tempoLevel(), s.volume(),
                target);
    }

    /** Tempo factor of a tempo level: 1.1 to the power of the level. */
    public static double tempo(int level) {
        return Math.pow(1.1, level);
    }

    /** Ends the session at once and silently: the input is gone (stdin closed, end of file). */
    public Transition stop(SessionState s, long now) {
        Out out = new Out();
        stopBeats(s, now, out);
        out.add(new Action.End());
        return out.to(new SessionState(Mode.ENDED, s.step(), null, null, null, now, null, null, s.tempoLevel(),
                s.volume()));
    }

    /**
     * The user asked for something. A command that changes the coaching (the step, what the coach is
     * doing, the pace, the volume) can be undone for {@link #UNDO_WINDOW} after it.
     */
    public Transition on(SessionState s, Intent intent, long now) {
        Out out = new Out();
        if (intent.kind() == Kind.UNDO && s.mode() != Mode.CONFIRMING && s.mode() != Mode.ENDED) {
            return out.to(undo(s, now, out));
        }
        SessionState next = switch (s.mode()) {
            case ENDED -> s;
            case CONFIRMING -> onAnswer(s, intent, now, out);
            case FINISHED -> onFinished(s, intent, now, out);
            default -> onActive(s, intent, now, out);
        };
        if (next.mode() != Mode.ENDED && changed(s, next)) {
            // An answer to "are you sure?" is undone to where the question was asked from.
            SessionState before = s.mode() == Mode.CONFIRMING ? s.answerTo() == null ? null
                    : new SessionState(s.answerTo(), s.step(), s.resumeTo(), null, null, s.since(), s.hold(), s.beats(),
                    s.tempoLevel(), s.volume()) : s.withUndo(null);
            if (before != null && before.mode() != Mode.CONFIRMING && next.mode() != Mode.CONFIRMING) {
                next = next.withUndo(new SessionState.Undo(before, now));
            } else if (next.mode() == Mode.CONFIRMING && s.mode() != Mode.CONFIRMING) {
                next = next.withUndo(new SessionState.Undo(s.withUndo(null), now));
            }
        }
        return out.to(next);
    }

    /** True when a command changed more than what is being said. */
    private static boolean changed(SessionState a, SessionState b) {
        return a.step() != b.step() || a.mode() != b.mode() || a.tempoLevel() != b.tempoLevel()
                || a.volume() != b.volume() || (a.hold() == null) != (b.hold() == null)
                || (a.beats() == null) != (b.beats() == null) || a.question() != b.question();
    }

    /** Puts back the state before the last command that changed something; a running hold has kept running. */
    private SessionState undo(SessionState s, long now, Out out) {
        SessionState.Undo u = s.undo();
        if (u == null || now - u.at() > UNDO_WINDOW) {
            return answer(s.withUndo(null), "There is nothing to undo.", out);
        }
        SessionState b = u.before();
        stopBeats(s, now, out);
        if (b.volume() != s.volume()) {
            out.add(new Action.SetVolume(b.volume()));
        }
        StringBuilder said = new StringBuilder("Undone.");
        if (b.mode() == Mode.NARRATING) {
            out.say(said + " " + narration(b.step()), true);
            return b.withBeats(null).withHold(null);
        }
        if (b.mode() == Mode.FINISHED) {
            out.say(said + " The routine is finished. Say start over to go again, or quit to finish.", true);
            return b;
        }
        said.append(" Back to step ").append(b.step()).append(": ").append(routine.step(b.step()).title()).append('.');
        if (b.hold() != null) {
            long left = SampleTime.ofMillis(b.hold().hold().max().toMillis()) - b.hold().elapsed(now);
            said.append(left > 0 ? " " + Spoken.duration(left) + " left on the timer." : "");
        }
        if (b.mode() == Mode.PAUSED) {
            said.append(" We are paused. Say resume to go on.");
        }
        out.say(said.toString(), true);
        SessionState r = b;
        if (b.mode() == Mode.COUNTING) {
            Rhythm rhythm = routine.step(b.step()).rhythm().orElseThrow();
            long cycle = b.beats() == null || b.beats().exhausted() ? 0 : b.beats().nextCycle();
            r = schedule(b.withBeats(BeatClock.startingAt(rhythm, now + COUNT_LEAD, cycle, tempo(b.tempoLevel()))), now, out);
        }
        return r;
    }

    /** What is said when a command leaves a hold that still has time to run; empty otherwise. */
    private String leaving(SessionState s, long now) {
        if (s.hold() == null) {
            return "";
        }
        long left = SampleTime.ofMillis(s.hold().hold().max().toMillis()) - s.hold().elapsed(now);
        return left <= 0 ? "" : "Leaving the hold with " + Spoken.duration(left) + " left. Say undo to go back. ";
    }

    /**
     * Tells the user something about the coach itself (a device lost) at once; a step that was being
     * read is read again afterwards. Nothing else changes.
     */
    public Transition tell(SessionState s, String text, long now) {
        Out out = new Out();
        if (s.mode() == Mode.ENDED) {
            return out.to(s);
        }
        return out.to(answer(s, text, out));
    }

    /** Everything queued to be said has been said. */
    public Transition speechDone(SessionState s, long now) {
        Out out = new Out();
        if (s.mode() != Mode.NARRATING) {
            return out.to(s);
        }
        if (s.opening() > 0) {
            int target = s.opening();
            SessionState heard = s.withOpening(0);
            if (target == 1) {
                out.say(narration(1), false);
                return out.to(heard);
            }
            return out.to(target > routine.size() ? advance(heard, now, "", false, out)
                    : goTo(heard, target, now, "", false, out));
        }
        return out.to(startActivity(s, now, out));
    }

    /** Time has passed: schedule beats, announce the hold, end counts and holds, time out questions. */
    public Transition tick(SessionState s, long now) {
        Out out = new Out();
        SessionState next = switch (s.mode()) {
            case CONFIRMING -> now - s.since() < ANSWER_TIMEOUT ? schedule(s, now, out)
                    : s.question() == Question.RESUME ? goTo(s, s.step(), now, "No answer, so we go on from step "
                    + s.step() + ". ", true, out)
                    : answered(s, now, s.question() == Question.STEP ? "No step given, so I will carry on."
                    : "No answer, so I will carry on.", out);
            case FINISHED -> now - s.since() >= FINISHED_TIMEOUT ? end(s, now, "Goodbye.", out) : s;
            case COUNTING, HOLDING -> timed(schedule(s, now, out), now, out);
            default -> s;
        };
        return out.to(next);
    }

    private SessionState onActive(SessionState s, Intent intent, long now, Out out) {
        boolean paused = s.mode() == Mode.PAUSED;
        Step step = routine.step(s.step());
        switch (intent.kind()) {
            case NEXT, SKIP:
                return advance(s, now, leaving(s, now), true, out);
            case BACK:
                return s.step() == 1 ? answer(s, "This is the first step.", out)
                        : goTo(s, s.step() - 1, now, leaving(s, now), true, out);
            case GOTO:
                if (intent.number().isEmpty()) {
                    out.say("Which step?", true);
                    return s.asking(Question.STEP, now);
                }
                return goToNumber(s, intent.number().getAsInt(), now, out);
            case NUMBER:
                if (s.mode() == Mode.COUNTING || s.mode() == Mode.HOLDING) {
                    // A number alone mid-hold is more likely something said to someone else than a jump.
                    return answer(s, "To go to a step, say go to step and its number.", out);
                }
                return goToNumber(s, intent.number().getAsInt(), now, out);
            case REPEAT:
                if (paused || s.mode() == Mode.COUNTING || s.mode() == Mode.HOLDING) {
                    out.say(step.text(), true);
                    return s;
                }
                out.say(reading(s), true);
                return s.with(Mode.NARRATING);
            case SAFETY:
                if (routine.safety().isEmpty()) {
                    return answer(s, "This routine has no safety notes.", out);
                }
                if (s.opening() > 0) {
                    out.say(safetyNotes(), true);
                    return s.with(Mode.NARRATING);
                }
                return answer(s, "The safety notes. " + String.join(" ", routine.safety()), out);
            case PAUSE, STOP:
                if (paused) {
                    return answer(s, "Still paused. Say resume to go on.", out);
                }
                out.say((intent.kind() == Kind.STOP ? "Stopped." : "Paused.") + " Say resume when you are ready.", true);
                return pause(s, now, out);
            case RESUME:
                return paused ? resume(s, s.resumeTo(), now, out) : answer(s, "I am still going.", out);
            case COUNT:
                return s.opening() > 0 ? afterSafety(s, s.opening(), now, out) : count(s, step, now, out);
            case STOP_COUNT:
                return stopCount(s, now, out);
            case FASTER, SLOWER:
                return changeTempo(s, intent.kind() == Kind.FASTER ? 1 : -1, out);
            case LOUDER, QUIETER:
                return changeVolume(s, intent.kind() == Kind.LOUDER ? 1 : -1, out);
            case TIME_LEFT:
                return answer(s, timeLeft(s, now), out);
            case WHERE:
                return answer(s, "Step " + s.step() + " of " + routine.size() + ": " + step.title() + "."
                        + (paused ? " We are paused." : ""), out);
            case RESTART:
                out.say("Start over from step 1? Say yes or no.", true);
                return s.asking(Question.RESTART, now);
            case QUIT:
                out.say("Do you want to end the session? Say yes or no.", true);
                return s.asking(Question.QUIT, now);
            case HELP:
                return answer(s, help(s, step), out);
            case YES, NO:
                return answer(s, "Okay.", out);
            default:
                throw new AssertionError(intent);
        }
    }

    private SessionState onAnswer(SessionState s, Intent intent, long now, Out out) {
        if (s.question() == Question.RESUME) {
            return onResumeAnswer(s, intent, now, out);
        }
        if (s.question() == Question.STEP) {
            return onStepAnswer(s, intent, now, out);
        }
        switch (intent.kind()) {
            case YES:
                if (s.question() == Question.QUIT) {
                    return end(s, now, "Okay. Goodbye.", out);
                }
                return goTo(s, 1, now, "Starting over. ", true, out);
            case NO, UNDO:
                return answered(s, now, "Okay, carrying on.", out);
            default:
                out.say("Please say yes or no.", true);
                return s;
        }
    }

    private SessionState onStepAnswer(SessionState s, Intent intent, long now, Out out) {
        switch (intent.kind()) {
            case GOTO, NUMBER:
                if (intent.number().isPresent()) {
                    int n = intent.number().getAsInt();
                    return n < 1 || n > routine.size() ? goToNumber(s, n, now, out)
                            : goTo(s, n, now, leaving(s, now), true, out);
                }
                break;
            case NO, UNDO, STOP:
                return answered(s, now, "Okay, carrying on.", out);
            default:
                break;
        }
        out.say("Which step? Say a number from 1 to " + routine.size() + ".", true);
        return s;
    }

    private SessionState onResumeAnswer(SessionState s, Intent intent, long now, Out out) {
        switch (intent.kind()) {
            case YES, RESUME, NEXT:
                return goTo(s, s.step(), now, "", true, out);
            case NO, RESTART:
                return begin(now, true, out);
            case GOTO, NUMBER:
                return goToNumber(s, intent.number().getAsInt(), now, out);
            case QUIT, STOP:
                return end(s, now, "Okay. Goodbye.", out);
            default:
                out.say("Resume at step " + s.step() + "? Please say yes or no.", true);
                return s;
        }
    }

    private SessionState onFinished(SessionState s, Intent intent, long now, Out out) {
        switch (intent.kind()) {
            case RESTART:
                return goTo(s, 1, now, "Starting over. ", true, out);
            case QUIT, YES, NEXT, SKIP, STOP:
                return end(s, now, "Goodbye.", out);
            case BACK:
                return goTo(s, routine.size(), now, "", true, out);
            case GOTO, NUMBER:
                return goToNumber(s, intent.number().getAsInt(), now, out);
            case REPEAT:
                out.say(routine.closing(), true);
                return s;
            case FASTER, SLOWER:
                return changeTempo(s, intent.kind() == Kind.FASTER ? 1 : -1, out);
            case LOUDER, QUIETER:
                return changeVolume(s, intent.kind() == Kind.LOUDER ? 1 : -1, out);
            default:
                out.say("The routine is finished. Say start over to go again, or quit to finish.", true);
                return s;
        }
    }

    /** Says {@code text} at once; a step that was being read is read again afterwards. */
    private SessionState answer(SessionState s, String text, Out out) {
        out.say(text, true);
        if (s.mode() == Mode.NARRATING) {
            out.say(reading(s), false);
        }
        return s;
    }

    /** What is read while narrating: the safety notes until they have been heard once, then the step. */
    private String reading(SessionState s) {
        return s.opening() > 0 ? safetyNotes() : narration(s.step());
    }

    private SessionState goToNumber(SessionState s, int n, long now, Out out) {
        if (n < 1 || n > routine.size()) {
            out.say("There are " + routine.size() + " steps. Say a number from 1 to " + routine.size() + ".", true);
            if (s.mode() == Mode.NARRATING) {
                out.say(reading(s), false);
            }
            return s;
        }
        return goTo(s, n, now, s.mode() == Mode.CONFIRMING ? "" : leaving(s, now), true, out);
    }

    private SessionState advance(SessionState s, long now, String prefix, boolean cut, Out out) {
        if (s.opening() > 0) {
            return afterSafety(s, s.step() + 1, now, out);
        }
        if (s.step() == routine.size()) {
            stopBeats(s, now, out);
            out.say(prefix + routine.closing(), cut);
            return s.finishedAt(now);
        }
        return goTo(s, s.step() + 1, now, prefix, cut, out);
    }

    private SessionState goTo(SessionState s, int n, long now, String prefix, boolean cut, Out out) {
        if (s.opening() > 0) {
            if (n != 1) {
                return afterSafety(s, n, now, out);
            }
            stopBeats(s, now, out);
            out.say(prefix + safetyNotes(), cut);
            return new SessionState(Mode.NARRATING, 1, null, null, null, now, null, null, s.tempoLevel(), s.volume(), 1);
        }
        stopBeats(s, now, out);
        out.say(prefix + narration(n), cut);
        return new SessionState(Mode.NARRATING, n, null, null, null, now, null, null, s.tempoLevel(), s.volume());
    }

    private SessionState startActivity(SessionState s, long now, Out out) {
        Step step = routine.step(s.step());
        SessionState next = s.withHold(step.hold().map(h -> HoldClock.startedAt(h, now)).orElse(null));
        if (step.rhythm().isPresent()) {
            BeatClock beats = BeatClock.startingAt(step.rhythm().get(), now + COUNT_LEAD, 0, tempo(s.tempoLevel()));
            return schedule(next.withBeats(beats).with(Mode.COUNTING), now, out);
        }
        return next.with(step.hold().isPresent() ? Mode.HOLDING : Mode.WAITING);
    }

    private SessionState pause(SessionState s, long now, Out out) {
        stopBeats(s, now, out);
        SessionState p = s.paused(s.mode());
        return p.hold() == null ? p : p.withHold(p.hold().frozen(now));
    }

    private SessionState resume(SessionState s, Mode to, long now, Out out) {
        out.say("Resuming.", true);
        SessionState r = s.with(to);
        if (r.hold() != null) {
            r = r.withHold(r.hold().resumed(now));
        }
        if (to == Mode.NARRATING) {
            out.say(reading(s), false);
            return r;
        }
        if (to == Mode.COUNTING) {
            Rhythm rhythm = routine.step(s.step()).rhythm().orElseThrow();
            long cycle = s.beats() == null ? 0 : s.beats().nextCycle();
            if (s.beats() != null && s.beats().exhausted()) {
                cycle = 0;
            }
            BeatClock beats = BeatClock.startingAt(rhythm, now + COUNT_LEAD, cycle, tempo(s.tempoLevel()));
            return schedule(r.withBeats(beats), now, out);
        }
        return r;
    }

    private SessionState count(SessionState s, Step step, long now, Out out) {
        if (step.rhythm().isEmpty()) {
            return answer(s, "This step has no count.", out);
        }
        switch (s.mode()) {
            case COUNTING:
                return answer(s, "I am already counting.", out);
            case PAUSED:
                return resume(s, Mode.COUNTING, now, out);
            case NARRATING:
                out.say("Counting.", true);
                return startActivity(s, now, out);
            default:
                out.say("Counting.", true);
                BeatClock beats = BeatClock.startingAt(step.rhythm().get(), now + COUNT_LEAD, 0, tempo(s.tempoLevel()));
                return schedule(s.withBeats(beats).with(Mode.COUNTING), now, out);
        }
    }

    private SessionState stopCount(SessionState s, long now, Out out) {
        Mode quiet = s.hold() != null ? Mode.HOLDING : Mode.WAITING;
        if (s.mode() == Mode.COUNTING) {
            stopBeats(s, now, out);
            out.say("Counting stopped.", true);
            return s.withBeats(null).with(quiet);
        }
        if (s.mode() == Mode.PAUSED && s.resumeTo() == Mode.COUNTING) {
            out.say("Okay. No counting when we go on.", true);
            return s.withBeats(null).paused(quiet);
        }
        return answer(s, "I am not counting.", out);
    }

    private SessionState changeTempo(SessionState s, int delta, Out out) {
        int level = Math.max(MIN_TEMPO_LEVEL, Math.min(MAX_TEMPO_LEVEL, s.tempoLevel() + delta));
        if (level == s.tempoLevel()) {
            return answer(s, delta > 0 ? "That is as fast as I go." : "That is as slow as I go.", out);
        }
        SessionState t = s.withTempoLevel(level);
        if (t.beats() != null) {
            t = t.withBeats(t.beats().withTempo(tempo(level)));
        }
        String word = delta > 0 ? "Faster." : "Slower.";
        Optional<Rhythm> rhythm = currentRhythm(s);
        String pace = rhythm.map(r -> " One cycle every " + Spoken.decimal(r.cycleSeconds() / tempo(level))
                + " seconds.").orElse("");
        return answer(t, word + pace, out);
    }

    private SessionState changeVolume(SessionState s, int delta, Out out) {
        int level = Math.max(MIN_VOLUME, Math.min(MAX_VOLUME, s.volume() + delta));
        if (level == s.volume()) {
            return answer(s, delta > 0 ? "This is as loud as I go." : "This is as quiet as I go.", out);
        }
        out.add(new Action.SetVolume(level));
        return answer(s.withVolume(level), (delta > 0 ? "Louder." : "Quieter.") + " Volume " + level + " of " + MAX_VOLUME + ".", out);
    }

    private Optional<Rhythm> currentRhythm(SessionState s) {
        if (s.mode() == Mode.FINISHED) {
            return routine.steps().stream().flatMap(st -> st.rhythm().stream()).findFirst();
        }
        return routine.step(s.step()).rhythm();
    }

    private String timeLeft(SessionState s, long now) {
        Step step = routine.step(s.step());
        HoldClock clock = s.hold();
        if (clock == null) {
            return step.hold()
                    .map(h -> "The timer starts when I finish reading this step. It runs " + Spoken.span(h.min(), h.max()) + ".")
                    .orElse("This step has no timer.");
        }
        Hold hold = clock.hold();
        long elapsed = clock.elapsed(now);
        long toMax = SampleTime.ofMillis(hold.max().toMillis()) - elapsed;
        long toMin = SampleTime.ofMillis(hold.min().toMillis()) - elapsed;
        StringBuilder b = new StringBuilder(Spoken.duration(toMax)).append(" left.");
        if (hold.isRange()) {
            b.append(toMin > 0 ? " You can stop in " + Spoken.duration(toMin) + "." : " You can stop any time.");
        }
        if (!clock.running()) {
            b.append(" The timer is paused.");
        }
        return b.toString();
    }

    private String help(SessionState s, Step step) {
        String tip = step.tip().map(t -> t + " ").orElse("");
        if (s.mode() == Mode.PAUSED) {
            return "We are paused. Say resume to go on. You can also say next, back, or quit.";
        }
        if (s.mode() == Mode.COUNTING) {
            return tip + "You can say faster, slower, stop counting, pause, next, or how much time is left.";
        }
        return tip + "You can say next, back, repeat, pause, where am I, louder, quieter, or go to step and a number.";
    }

    private SessionState answered(SessionState s, long now, String text, Out out) {
        Mode to = s.answerTo();
        SessionState back = new SessionState(to, s.step(), s.resumeTo(), null, null, now, s.hold(), s.beats(),
                s.tempoLevel(), s.volume(), s.opening());
        out.say(text, true);
        if (to == Mode.NARRATING) {
            out.say(reading(s), false);
        }
        return back;
    }

    private SessionState end(SessionState s, long now, String text, Out out) {
        stopBeats(s, now, out);
        out.say(text, true);
        out.add(new Action.End());
        return new SessionState(Mode.ENDED, s.step(), null, null, null, now, null, null, s.tempoLevel(), s.volume());
    }

    private static void stopBeats(SessionState s, long now, Out out) {
        if (s.beats() != null && s.mode() != Mode.PAUSED) {
            out.add(new Action.CancelBeats(now));
        }
    }

    /** Schedules every beat that falls within the lookahead. */
    private SessionState schedule(SessionState s, long now, Out out) {
        BeatClock beats = s.beats();
        if (beats == null) {
            return s;
        }
        while (!beats.exhausted()) {
            BeatClock b = beats.rebasedForNext();
            long at = b.timeOf(b.next());
            if (at >= now + LOOKAHEAD) {
                beats = b;
                break;
            }
            int pos = (int) (b.next() % b.beatsPerCycle());
            out.add(new Action.Beat(b.rhythm().beats().get(pos).word(), b.nextCycle(), at));
            beats = b.advanced();
        }
        return s.withBeats(beats);
    }

    /** Ends a finished count, makes the hold's announcements and ends the hold. */
    private SessionState timed(SessionState s, long now, Out out) {
        Step step = routine.step(s.step());
        if (s.beats() != null && s.beats().exhausted() && now >= s.beats().endTime()) {
            SessionState quiet = s.withBeats(null);
            if (quiet.hold() != null) {
                s = quiet.with(Mode.HOLDING);
            } else if (step.then() == Step.Then.NEXT) {
                return advance(quiet, now, "", false, out);
            } else {
                out.say("That was the last count. Say next when you are ready.", false);
                return quiet.with(Mode.WAITING);
            }
        }
        HoldClock clock = s.hold();
        if (clock == null) {
            return s;
        }
        List<Announcement> plan = announcements(clock.hold());
        long elapsed = clock.elapsed(now);
        int due = clock.announced();
        while (due < plan.size() && plan.get(due).at() <= elapsed) {
            due++;
        }
        if (due == clock.announced()) {
            return s;
        }
        if (due < plan.size()) {
            out.say(plan.get(due - 1).words(), false);
            return s.withHold(clock.withAnnounced(due));
        }
        out.say("That is " + Spoken.duration(SampleTime.ofMillis(clock.hold().max().toMillis())) + ". Time is up.", false);
        if (step.then() == Step.Then.NEXT) {
            return advance(s, now, "", false, out);
        }
        stopBeats(s, now, out);
        out.say("Say next when you are ready.", false);
        return s.withBeats(null).withHold(null).with(Mode.WAITING);
    }

    private record Announcement(long at, String words) {
    }

    /** The hold's announcements in time order; the last one is its end. */
    private static List<Announcement> announcements(Hold hold) {
        long min = SampleTime.ofMillis(hold.min().toMillis());
        long max = SampleTime.ofMillis(hold.max().toMillis());
        List<Announcement> plan = new ArrayList<>();
        if (hold.isRange()) {
            plan.add(new Announcement(min, "That is " + Spoken.duration(min) + ". You can stop any time now."));
        }
        long floor = hold.isRange() ? min : SampleTime.ofSeconds(10);
        for (int i = 0; i < WARNING_SECONDS.length; i++) {
            long at = max - SampleTime.ofSeconds(WARNING_SECONDS[i]);
            if (at > floor) {
                plan.add(new Announcement(at, WARNING_WORDS[i]));
            }
        }
        plan.add(new Announcement(max, ""));
        return plan;
    }

    private String narration(int n) {
        return "Step " + n + ". " + routine.step(n).text();
    }

    /** Collects actions for one transition. */
    private static final class Out {
        private final List<Action> actions = new ArrayList<>();

        void say(String text, boolean cut) {
            actions.add(new Action.Say(text, cut));
        }

        void add(Action a) {
            actions.add(a);
        }

        Transition to(SessionState s) {
            return new Transition(s, actions);
        }
    }
}
