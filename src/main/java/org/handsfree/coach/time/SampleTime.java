package org.handsfree.coach.time;

/**
 * The one clock: time is the count of 16 kHz mono samples since the session started. The session,
 * the hold timers, the beat grid and the mixer all read time in these units.
 */
public final class SampleTime {
    /** Samples per second of every frame the coach handles. */
    public static final int RATE = 16_000;

    /** Samples in a frame of 10 ms: what the loop, the echo canceller, the endpointer and the decoder step by. */
    public static final int FRAME = RATE / 100;

    private SampleTime() {
    }

    public static long ofSeconds(double seconds) {
        return Math.round(seconds * RATE);
    }

    public static long ofMillis(long millis) {
        return millis * RATE / 1000;
    }

    /** Whole milliseconds, rounded down: what the trace prints. */
    public static long toMillis(long samples) {
        return Math.floorDiv(samples * 1000, RATE);
    }

    public static double toSeconds(long samples) {
        return samples / (double) RATE;
    }

    /** Whole samples in {@code millis} (a setting), rounded down. */
    public static int samplesOfMillis(double millis) {
        return (int) (millis * RATE / 1000);
    }

    /** Whole frames in {@code millis} (a setting), rounded down. */
    public static int framesOfMillis(double millis) {
        return (int) (millis * RATE / 1000 / FRAME);
    }
}
