package org.handsfree.coach.audio;

/** Discards audio: for text-only coaching and for tests that only read the trace. */
public final class NullSink implements AudioSink {
    @Override
    public void write(short[] frame, int n) {
        // Nothing to play: the loop's own pacing keeps time.
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}
