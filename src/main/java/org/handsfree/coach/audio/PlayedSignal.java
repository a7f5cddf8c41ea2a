package org.handsfree.coach.audio;

import org.handsfree.coach.time.SampleTime;

/**
 * What the coach played, by sample time: the output side writes each frame here as it plays it,
 * and the listening side reads it forward (the echo canceller's reference, a simulated room's echo).
 * The last two seconds are kept, longer than any echo path a room or the canceller handles.
 */
public final class PlayedSignal {
    /** Samples kept: the longest room echo (1 s) and a few frames more, with room to spare. */
    private static final int KEPT = 2 * SampleTime.RATE;

    private final short[] ring = new short[KEPT];
    private long written;

    /** The coach played {@code n} samples of {@code frame} starting at sample time {@code at}. */
    public void write(short[] frame, int n, long at) {
        for (int i = 0; i < n; i++) {
            ring[(int) ((at + i) % KEPT)] = frame[i];
        }
        written = at + n;
    }

    /** The sample played at {@code t}; silence before the start, for what is not played yet, and beyond what is kept. */
    public short at(long t) {
        return t >= 0 && t < written && t >= written - KEPT ? ring[(int) (t % KEPT)] : 0;
    }
}
