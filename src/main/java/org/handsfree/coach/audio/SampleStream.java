package org.handsfree.coach.audio;

/**
 * Audio read a piece at a time as 16 kHz mono 16-bit samples, so a recording of any length is
 * heard in constant memory.
 */
public interface SampleStream extends AutoCloseable {
    /**
     * Reads up to {@code len} samples into {@code buf} from {@code off}; fewer only at the end.
     *
     * @return how many were read, or -1 at the end
     * @throws BadAudioException when the file turns out to be damaged part way through
     */
    int read(short[] buf, int off, int len) throws BadAudioException;

    @Override
    void close();

    /** Reads until {@code len} samples are in or the stream ends; returns how many came. */
    default int readFully(short[] buf, int off, int len) throws BadAudioException {
        int got = 0;
        while (got < len) {
            int n = read(buf, off + got, len - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    /** Samples already in memory. */
    static SampleStream of(short[] pcm) {
        return new SampleStream() {
            private int at;

            @Override
            public int read(short[] buf, int off, int len) {
                if (at >= pcm.length) {
                    return -1;
                }
                int n = Math.min(len, pcm.length - at);
                System.arraycopy(pcm, at, buf, off, n);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}
