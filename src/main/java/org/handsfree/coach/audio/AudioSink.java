package org.handsfree.coach.audio;

import java.io.IOException;

/** Where the coach's voice goes: a speaker, a WAV file, or nowhere. Frames are 16 kHz mono 16-bit. */
public interface AudioSink extends AutoCloseable {
    /** Plays or stores {@code n} samples; a live device blocks until it has room, which paces the loop. */
    void write(short[] frame, int n) throws IOException;

    /** True when writing takes real time (a speaker), so the loop needs no other pacing. */
    default boolean paces() {
        return false;
    }

    @Override
    void close() throws IOException;
}
