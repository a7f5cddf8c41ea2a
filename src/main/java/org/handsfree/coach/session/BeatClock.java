package org.handsfree.coach.session;

import org.handsfree.coach.routine.Rhythm;
import org.handsfree.coach.time.SampleTime;

/**
 * The beat grid of a counted rhythm, in samples. Beat {@code n} (counted from the start of the
 * count) falls at a time computed from the grid's origin, never by adding up beat lengths, so the
 * grid cannot drift. A tempo change waits for the next cycle that has not been scheduled yet, and
 * that cycle's start becomes the new origin.
 *
 * @param origin sample at which cycle {@code originCycle} starts
 * @param tempo speed factor of the current segment (1 = the routine's spacing, 1.1 = 10% faster)
 * @param pendingTempo tempo to switch to at the next cycle, or 0
 * @param next index of the next beat to schedule
 */
public record BeatClock(Rhythm rhythm, long origin, long originCycle, double tempo, double pendingTempo,
                        long next) {

    static BeatClock startingAt(Rhythm rhythm, long origin, long cycle, double tempo) {
        return new BeatClock(rhythm, origin, cycle, tempo, 0, cycle * rhythm.beats().size());
    }

    int beatsPerCycle() {
        return rhythm.beats().size();
    }

    /** Sample time of beat {@code n} on the current segment of the grid. */
    long timeOf(long n) {
        long cycle = Math.floorDiv(n, beatsPerCycle());
        int pos = Math.floorMod(n, beatsPerCycle());
        double seconds = (cycle - originCycle) * rhythm.cycleSeconds() + rhythm.offsetSeconds(pos);
        return origin + SampleTime.ofSeconds(seconds / tempo);
    }

    /** The cycle that beat {@code next} belongs to. */
    long nextCycle() {
        return Math.floorDiv(next, beatsPerCycle());
    }

    /** True when a limited count has scheduled all its cycles. */
    boolean exhausted() {
        return rhythm.cycles().isPresent() && next >= (long) rhythm.cycles().getAsInt() * beatsPerCycle();
    }

    /** Where a limited count ends: the end of its last cycle. Only meaningful once {@link #exhausted()}. */
    long endTime() {
        return timeOf(next);
    }

    BeatClock withTempo(double newTempo) {
        return new BeatClock(rhythm, origin, originCycle, tempo, newTempo, next);
    }

    /** Moves past beat {@code next}, switching to a pending tempo first when a new cycle begins. */
    BeatClock rebasedForNext() {
        if (pendingTempo > 0 && Math.floorMod(next, beatsPerCycle()) == 0) {
            return new BeatClock(rhythm, timeOf(next), nextCycle(), pendingTempo, 0, next);
        }
        return this;
    }

    BeatClock advanced() {
        return new BeatClock(rhythm, origin, originCycle, tempo, pendingTempo, next + 1);
    }
}
