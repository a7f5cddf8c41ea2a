package org.handsfree.coach.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.EchoCanceller;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.time.SampleTime;

/**
 * A recording standing in for the microphone: its samples are heard frame by frame on the loop's
 * clock. With an echo, the coach's own output comes back into what it hears, delayed and
 * attenuated, as a room would send it back to a microphone.
 */
public final class AudioFileInput implements CommandInput {
    /** The recording, read a frame at a time: memory does not grow with its length. */
    private final SampleStream pcm;
    private final short[] recorded;
    /** Decodes on the loop's thread; null when a {@link ListeningWorker} does. */
    private final CommandRecognizer.Stream stream;
    private final double echoGain;
    private final int echoDelay;
    private final short[] echoLine;
    private final short[] frame;
    private final short[] heardFrame;
    /** What the coach played, by sample time: the canceller's reference. */
    private final short[] playedLine;
    private final short[] reference;
    private final EchoCanceller canceller;
    private long written;
    private boolean ended;
    private String problem;
    /** In real time, decoding runs on its own thread (see {@link ListeningWorker}); null with --fast. */
    private ListeningWorker listener;

    /**
     * Decodes on a thread of its own, as live input does, for real-time runs that play to a speaker;
     * the recognizer may still be loading, so the coach speaks at once.
     */
    public static AudioFileInput inBackground(SampleStream pcm, Future<CommandRecognizer> recognizer, Double echoDb,
                                              int echoDelayMs, int frameSize) {
        AudioFileInput in = new AudioFileInput(pcm, (CommandRecognizer.Stream) null, echoDb, echoDelayMs, frameSize);
        in.listener = new ListeningWorker(recognizer);
        return in;
    }

    /**
     * @param echoDb gain of the echo in dB, or null for none
     * @param echoDelayMs delay of the echo
     */
    public AudioFileInput(short[] pcm, CommandRecognizer recognizer, Double echoDb, int echoDelayMs, int frameSize) {
        this(SampleStream.of(pcm), recognizer, echoDb, echoDelayMs, frameSize);
    }

    public AudioFileInput(SampleStream pcm, CommandRecognizer recognizer, Double echoDb, int echoDelayMs, int frameSize) {
        this(pcm, recognizer.newStream(), echoDb, echoDelayMs, frameSize);
    }

    private AudioFileInput(SampleStream pcm, CommandRecognizer.Stream stream, Double echoDb, int echoDelayMs,
                           int frameSize) {
        this.pcm = pcm;
        this.recorded = new short[frameSize];
        this.stream = stream;
        this.echoGain = echoDb == null ? 0 : Levels.fromDb(echoDb);
        this.echoDelay = (int) SampleTime.ofMillis(echoDelayMs);
        this.echoLine = new short[Math.max(1, echoDelay + 4 * frameSize)];
        this.frame = new short[frameSize];
        this.heardFrame = new short[frameSize];
        this.reference = new short[frameSize];
        this.playedLine = new short[4 * frameSize];
        this.canceller = new EchoCanceller(CANCEL_TAPS, 0.5);
    }

    /** Echo paths up to 100 ms are cancelled. */
    static final int CANCEL_TAPS = 1600;

    /** The coach's output for the frame at {@code at}: what the room will send back later. */
    @Override
    public void played(short[] out, long at) {
        for (int i = 0; i < out.length; i++) {
            playedLine[(int) ((at + i) % playedLine.length)] = out[i];
        }
        written = at + out.length;
        if (echoGain == 0) {
            return;
        }
        for (int i = 0; i < out.length; i++) {
            echoLine[(int) ((at + i + echoDelay) % echoLine.length)] = out[i];
        }
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        List<Hearing> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        if (n > recorded.length) {
            throw new IllegalArgumentException("frames of " + n + " samples; this input reads " + recorded.length);
        }
        if (readFrame(n) < n) {
            if (listener != null) {
                listener.finish();
                out.addAll(listener.heard());
            } else {
                out.addAll(stream.finish());
            }
            ended = true;
            return out;
        }
        for (int i = 0; i < n; i++) {
            double x = recorded[i];
            if (echoGain != 0 && now + i >= echoDelay && now + i < written + echoDelay) {
                int slot = (int) ((now + i) % echoLine.length);
                x += echoGain * echoLine[slot];
                echoLine[slot] = 0;
            }
            heardFrame[i] = Levels.toSample(x);
            // The loop plays the frame at `now` after hearing it, so the reference is the previous frame's output.
            long p = now + i - n;
            reference[i] = p >= 0 && p < written ? playedLine[(int) (p % playedLine.length)] : 0;
        }
        short[] heard = heardFrame;
        double echoDb = Double.NEGATIVE_INFINITY;
        if (echoGain != 0) {
            canceller.process(heardFrame, reference, frame);
            heard = frame;
            echoDb = canceller.residualEchoDb();
        }
        if (listener != null) {
            // No one can type to a file: a listener that failed ends the run with its reason (exit 1).
            listener.failure().ifPresent(f -> {
                throw new IllegalStateException(f.oneLine(), f);
            });
            listener.accept(heard, echoDb);
            out.addAll(listener.heard());
        } else {
            out.addAll(stream.accept(heard, echoDb));
        }
        return out;
    }

    /** A recording can't hold this session's output unless the room is simulated with an echo. */
    @Override
    public String listening() {
        return "listening";
    }

    @Override
    public boolean hearsTheRoom() {
        return echoGain != 0;
    }

    @Override
    public void listenFor(Context context) {
        if (listener != null) {
            listener.listenFor(context);
        } else {
            stream.listenFor(context);
        }
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void warmUp(short[] phrase) {
        if (listener != null) {
            listener.warmUpWith(phrase);
        }
    }

    /** The next {@code n} samples of the recording; a file damaged part way through ends there, as its end would. */
    private int readFrame(int n) {
        try {
            return pcm.readFully(recorded, 0, n);
        } catch (BadAudioException e) {
            problem = e.getMessage();
            return 0;
        }
    }

    /** What was wrong with the recording, if it ended early because it is damaged. */
    public java.util.Optional<String> problem() {
        return java.util.Optional.ofNullable(problem);
    }

    @Override
    public void close() {
        pcm.close();
        if (listener != null) {
            listener.close();
        }
    }
}
