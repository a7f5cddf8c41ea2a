package org.handsfree.coach.loop;

import java.io.IOException;
import java.util.List;
import org.handsfree.coach.audio.EchoCanceller;
import org.handsfree.coach.audio.Microphone;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;

/** Live listening: the microphone, frame by frame, through the recognizer. Its reads pace the loop. */
public final class MicrophoneInput implements CommandInput {
    private final Microphone microphone;
    private final CommandRecognizer.Stream stream;
    private final java.io.PrintStream err;
    private short[] frame = new short[0];
    private short[] clean = new short[0];
    private short[] lastPlayed = new short[0];
    private final EchoCanceller canceller = new EchoCanceller(AudioFileInput.CANCEL_TAPS, 0.5);
    private boolean ended;

    public MicrophoneInput(Microphone microphone, CommandRecognizer recognizer, java.io.PrintStream err) {
        this.microphone = microphone;
        this.stream = recognizer.newStream();
        this.err = err;
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        if (ended) {
            return List.of();
        }
        if (frame.length != n) {
            frame = new short[n];
            clean = new short[n];
            lastPlayed = new short[n];
        }
        try {
            microphone.read(frame);
        } catch (IOException e) {
            err.println("coach: " + e.getMessage() + "; ending the session where it is");
            ended = true;
            return stream.finish();
        }
        canceller.process(frame, lastPlayed, clean);
        return stream.accept(clean);
    }

    /** The speaker's output is the canceller's reference; it reaches the microphone a frame or more later. */
    @Override
    public void played(short[] out, long at) {
        if (lastPlayed.length == out.length) {
            System.arraycopy(out, 0, lastPlayed, 0, out.length);
        }
    }

    @Override
    public boolean hearsTheRoom() {
        return true;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public boolean paces() {
        return true;
    }

    @Override
    public void close() {
        microphone.close();
    }
}
