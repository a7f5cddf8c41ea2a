package org.handsfree.coach.audio;

import org.handsfree.coach.time.SampleTime;

/**
 * A simulated room around any source of sound: the coach's own output comes back into what the
 * source hears, delayed and attenuated, as a room sends it back to a microphone ({@code --echo}).
 * Its samples are counted from the source's first, on the same clock as the played signal.
 */
public final class Room implements SampleStream {
    private final SampleStream heard;
    private final PlayedSignal played;
    private final double gain;
    private final long delay;
    private long at;

    /**
     * @param gainDb level of the echo relative to what was played, in dB
     * @param delayMs how long the coach's voice takes to come back
     */
    public Room(SampleStream heard, PlayedSignal played, double gainDb, int delayMs) {
        this.heard = heard;
        this.played = played;
        this.gain = Levels.fromDb(gainDb);
        this.delay = SampleTime.ofMillis(delayMs);
    }

    @Override
    public int read(short[] buf, int off, int len) throws BadAudioException {
        int n = heard.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            double x = buf[off + i];
            x += gain * played.at(at + i - delay);
            buf[off + i] = Levels.toSample(x);
        }
        at += Math.max(0, n);
        return n;
    }

    @Override
    public void close() {
        heard.close();
    }
}
