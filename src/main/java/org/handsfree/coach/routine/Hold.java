package org.handsfree.coach.routine;

import java.time.Duration;

/**
 * A timed part of a step, such as "3-5 min": the user may stop once {@code min} has passed and
 * the coach calls time at {@code max}. A fixed hold has {@code min == max}.
 */
public record Hold(Duration min, Duration max) {
    public Hold {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("hold must be longer than zero, got " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("hold maximum " + max + " is shorter than its minimum " + min);
        }
    }

    public boolean isRange() {
        return !min.equals(max);
    }
}
