package org.handsfree.coach.session;

/**
 * Where the user is, as a value. {@link Session} maps one state to the next.
 *
 * @param step 1-based step number
 * @param resumeTo while paused, the mode that "resume" returns to
 * @param answerTo while confirming, the mode that "no" returns to
 * @param question while confirming, what was asked
 * @param since when the current question was asked or the routine finished, in samples
 * @param hold the running or frozen timer of the step's hold, or null
 * @param beats the beat grid while counting, or null
 * @param tempoLevel tempo as steps of 10% from the routine's pace (0 = as written)
 * @param volume output volume level
 * @param opening while the safety notes have not yet been heard in full for the first time: the step
 *     to go to once they have (1 unless the user asked to move on meanwhile); 0 after
 * @param undo what "undo" goes back to, or null
 */
public record SessionState(Mode mode, int step, Mode resumeTo, Mode answerTo, Question question, long since,
                           HoldClock hold, BeatClock beats, int tempoLevel, int volume, int opening, Undo undo) {

    /** What the coach asked and is waiting on; {@link #STEP} is "which step?". */
    public enum Question { RESTART, QUIT, RESUME, STEP }

    /**
     * The state before the last command that changed something, and when that command came: "undo"
     * puts it back (a hold's timer counting the time in between).
     */
    public record Undo(SessionState before, long at) {
    }

    /** A state outside the opening, with nothing to undo. */
    public SessionState(Mode mode, int step, Mode resumeTo, Mode answerTo, Question question, long since,
                        HoldClock hold, BeatClock beats, int tempoLevel, int volume) {
        this(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, 0, null);
    }

    /** A state with nothing to undo. */
    public SessionState(Mode mode, int step, Mode resumeTo, Mode answerTo, Question question, long since,
                        HoldClock hold, BeatClock beats, int tempoLevel, int volume, int opening) {
        this(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, opening, null);
    }

    /** What the coach listens for in this state. */
    public Context context() {
        if (mode != Mode.CONFIRMING) {
            return Context.COACHING;
        }
        return question == Question.STEP ? Context.NUMBER : Context.CONFIRM;
    }

    SessionState withUndo(Undo u) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, opening, u);
    }

    SessionState with(Mode newMode) {
        return new SessionState(newMode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, opening, undo);
    }

    SessionState withStep(int newStep) {
        return new SessionState(mode, newStep, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, opening, undo);
    }

    SessionState withHold(HoldClock newHold) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, newHold, beats, tempoLevel, volume, opening, undo);
    }

    SessionState withBeats(BeatClock newBeats) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, newBeats, tempoLevel, volume, opening, undo);
    }

    SessionState withTempoLevel(int level) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, level, volume, opening, undo);
    }

    SessionState withVolume(int level) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, level, opening, undo);
    }

    SessionState paused(Mode from) {
        return new SessionState(Mode.PAUSED, step, from, answerTo, question, since, hold, beats, tempoLevel, volume, opening, undo);
    }

    SessionState asking(Question q, long now) {
        return new SessionState(Mode.CONFIRMING, step, resumeTo, mode, q, now, hold, beats, tempoLevel, volume, opening, undo);
    }

    SessionState finishedAt(long now) {
        return new SessionState(Mode.FINISHED, step, null, null, null, now, null, null, tempoLevel, volume);
    }

    SessionState withOpening(int goTo) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume, goTo, undo);
    }

    /** True while a count is sounding. */
    public boolean counting() {
        return beats != null;
    }
}
