package org.handsfree.coach.audio;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.handsfree.coach.time.SampleTime;

/**
 * The speakers, through Java Sound. One line is opened for the whole session: reopening it for
 * each utterance breaks PulseAudio. Writing blocks while the device's buffer is full, which is
 * what paces a live session.
 */
public final class SpeakerSink implements AudioSink {
    private static final AudioFormat FORMAT = new AudioFormat(SampleTime.RATE, 16, 1, true, false);
    /** About 100 ms of device buffer: enough to ride out a synthesis hiccup, short enough for barge-in. */
    private static final int BUFFER_BYTES = SampleTime.RATE * 2 / 10;

    private final SourceDataLine line;
    private final byte[] bytes = new byte[SampleTime.RATE * 2];

    private SpeakerSink(SourceDataLine line) {
        this.line = line;
    }

    /**
     * Opens the default speaker.
     *
     * @throws DeviceUnavailableException with a one-line reason when there is none
     */
    public static SpeakerSink open() throws DeviceUnavailableException {
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(FORMAT);
            line.open(FORMAT, BUFFER_BYTES);
            line.start();
            return new SpeakerSink(line);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new DeviceUnavailableException("no speaker found", e);
        }
    }

    @Override
    public void write(short[] frame, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            bytes[2 * i] = (byte) frame[i];
            bytes[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        int written = line.write(bytes, 0, 2 * n);
        if (written < 2 * n) {
            throw new IOException("the speaker went away");
        }
    }

    @Override
    public boolean paces() {
        return true;
    }

    @Override
    public void close() {
        line.drain();
        line.close();
    }
}
