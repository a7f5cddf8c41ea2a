package org.handsfree.coach.audio;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.handsfree.coach.time.SampleTime;

/** The microphone through Java Sound, 16 kHz mono 16-bit; reading blocks, which paces a live session. */
public final class Microphone implements FrameSource {
    private static final AudioFormat FORMAT = new AudioFormat(SampleTime.RATE, 16, 1, true, false);

    private final TargetDataLine line;
    private byte[] bytes = new byte[0];

    private Microphone(TargetDataLine line) {
        this.line = line;
    }

    /** Opens the default microphone, or says in one line why not. */
    public static Microphone open() throws DeviceUnavailableException {
        try {
            TargetDataLine line = AudioSystem.getTargetDataLine(FORMAT);
            // Two seconds of device buffer: the loop reads every 10 ms, but a busy machine may pause it.
            line.open(FORMAT, SampleTime.RATE * 2 * 2);
            line.start();
            return new Microphone(line);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new DeviceUnavailableException("no microphone found", e);
        }
    }

    @Override
    public void read(short[] frame) throws IOException {
        if (bytes.length != frame.length * 2) {
            bytes = new byte[frame.length * 2];
        }
        int got = 0;
        while (got < bytes.length) {
            int r = line.read(bytes, got, bytes.length - got);
            if (r <= 0) {
                throw new IOException("the microphone went away");
            }
            got += r;
        }
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) ((bytes[2 * i + 1] << 8) | (bytes[2 * i] & 0xff));
        }
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
