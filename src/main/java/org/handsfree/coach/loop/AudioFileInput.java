package org.handsfree.coach.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.Room;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;

/**
 * A recording standing in for the microphone: its samples are heard frame by frame on the loop's
 * clock, through the {@link ListeningStage}. With an echo the recording is heard inside a
 * simulated {@link Room}, so the coach's own output comes back into it, and the echo canceller runs.
 */
public final class AudioFileInput implements CommandInput {
    /** The recording (perhaps in a room), read a frame at a time: memory does not grow with its length. */
    private final SampleStream source;
    private final ListeningStage stage;
    private final boolean inRoom;
    private short[] frame = new short[0];
    private boolean ended;
    private String problem;

    private AudioFileInput(SampleStream source, ListeningStage stage, boolean inRoom) {
        this.source = source;
        this.stage = stage;
        this.inRoom = inRoom;
    }

    /**
     * Decodes on the loop's thread, the same every time ({@code --fast}).
     *
     * @param played the coach's output, which the loop writes (see {@link CoachLoop#playingInto})
     * @param echoDb gain of the room's echo in dB, or null for no room
     * @param echoDelayMs delay of the echo
     */
    public static AudioFileInput inline(SampleStream pcm, CommandRecognizer recognizer, PlayedSignal played,
                                        Double echoDb, int echoDelayMs) {
        return new AudioFileInput(room(pcm, played, echoDb, echoDelayMs),
                ListeningStage.inline(recognizer, echoDb == null ? null : played), echoDb != null);
    }

    /** As {@link #inline}, over samples in memory. */
    public static AudioFileInput inline(short[] pcm, CommandRecognizer recognizer, PlayedSignal played, Double echoDb,
                                        int echoDelayMs) {
        return inline(SampleStream.of(pcm), recognizer, played, echoDb, echoDelayMs);
    }

    /**
     * Decodes on a thread of its own, as live input does, for real-time runs that play to a speaker;
     * the recognizer may still be loading, so the coach speaks at once.
     */
    public static AudioFileInput inBackground(SampleStream pcm, Future<CommandRecognizer> recognizer, PlayedSignal played,
                                              Double echoDb, int echoDelayMs) {
        return new AudioFileInput(room(pcm, played, echoDb, echoDelayMs),
                ListeningStage.onWorker(new ListeningWorker(recognizer), echoDb == null ? null : played), echoDb != null);
    }

    private static SampleStream room(SampleStream pcm, PlayedSignal played, Double echoDb, int echoDelayMs) {
        return echoDb == null ? pcm : new Room(pcm, played, echoDb, echoDelayMs);
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        List<Hearing> out = new ArrayList<>();
        if (ended) {
            return out;
        }
        if (frame.length != n) {
            frame = new short[n];
        }
        if (readFrame(n) < n) {
            out.addAll(stage.finish());
            ended = true;
            return out;
        }
        // No one can type to a file: a listener that failed ends the run with its reason (exit 1).
        stage.failure().ifPresent(f -> {
            throw new IllegalStateException(f.oneLine(), f);
        });
        out.addAll(stage.hear(frame, now));
        return out;
    }

    /** A recording can't hold this session's output unless the room is simulated with an echo. */
    @Override
    public String listening() {
        return "listening";
    }

    @Override
    public boolean hearsTheRoom() {
        return inRoom;
    }

    @Override
    public void listenFor(Context context) {
        stage.listenFor(context);
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void warmUp(short[] phrase) {
        stage.warmUp(phrase);
    }

    /** The next {@code n} samples of the recording; a file damaged part way through ends there, as its end would. */
    private int readFrame(int n) {
        try {
            return source.readFully(frame, 0, n);
        } catch (BadAudioException e) {
            problem = e.getMessage();
            return 0;
        }
    }

    /** What was wrong with the recording, if it ended early because it is damaged. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public void close() {
        source.close();
        stage.close();
    }
}
