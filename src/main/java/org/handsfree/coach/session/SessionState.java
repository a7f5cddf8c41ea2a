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
 */
public record SessionState(Mode mode, int step, Mode resumeTo, Mode answerTo, Question question, long since,
                           HoldClock hold, BeatClock beats, int tempoLevel, int volume) {

    /** What the coach asked and is waiting on. */
    public enum Question { RESTART, QUIT, RESUME }

    SessionState with(Mode newMode) {
        return new SessionState(newMode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume);
    }

    SessionState withStep(int newStep) {
        return new SessionState(mode, newStep, resumeTo, answerTo, question, since, hold, beats, tempoLevel, volume);
    }

    SessionState withHold(HoldClock newHold) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, newHold, beats, tempoLevel, volume);
    }

    SessionState withBeats(BeatClock newBeats) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, newBeats, tempoLevel, volume);
    }

    SessionState withTempoLevel(int level) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, level, volume);
    }

    SessionState withVolume(int level) {
        return new SessionState(mode, step, resumeTo, answerTo, question, since, hold, beats, tempoLevel, level);
    }

    SessionState paused(Mode from) {
        return new SessionState(Mode.PAUSED, step, from, answerTo, question, since, hold, beats, tempoLevel, volume);
    }

    SessionState asking(Question q, long now) {
        return new SessionState(Mode.CONFIRMING, step, resumeTo, mode, q, now, hold, beats, tempoLevel, volume);
    }

    SessionState finishedAt(long now) {
        return new SessionState(Mode.FINISHED, step, null, null, null, now, null, null, tempoLevel, volume);
    }

    /** True while a count is sounding. */
    public boolean counting() {
        return beats != null;
    }
}
