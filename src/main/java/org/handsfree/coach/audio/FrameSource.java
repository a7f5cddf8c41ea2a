package org.handsfree.coach.audio;

import java.io.IOException;

/** Live audio in, frame by frame: the microphone, or a stand-in for it in tests. */
public interface FrameSource extends AutoCloseable {
    /** Fills {@code frame} with the next samples, blocking until they have been recorded. */
    void read(short[] frame) throws IOException;

    @Override
    void close();
}
