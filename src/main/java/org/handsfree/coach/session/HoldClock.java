package org.handsfree.coach.session;

import org.handsfree.coach.routine.Hold;

/**
 * The timer of a hold, in samples. It runs from {@code since} (or is frozen when {@code since < 0})
 * on top of the {@code banked} time it ran before.
 *
 * @param announced how many of the hold's announcements (minimum, warnings) were made
 */
public record HoldClock(Hold hold, long banked, long since, int announced) {

    static HoldClock startedAt(Hold hold, long now) {
        return new HoldClock(hold, 0, now, 0);
    }

    public long elapsed(long now) {
        return banked + (since >= 0 ? Math.max(0, now - since) : 0);
    }

    public boolean running() {
        return since >= 0;
    }

    HoldClock frozen(long now) {
        return running() ? new HoldClock(hold, elapsed(now), -1, announced) : this;
    }

    HoldClock resumed(long now) {
        return running() ? this : new HoldClock(hold, banked, now, announced);
    }

    HoldClock withAnnounced(int n) {
        return new HoldClock(hold, banked, since, n);
    }
}
