package org.handsfree.coach.loop;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.handsfree.coach.audio.FrameSource;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;

/**
 * Live listening: the microphone, frame by frame, through the {@link ListeningStage} (the echo
 * canceller, then the recognizer decoding on a {@link ListeningWorker}). Its reads pace the loop. If the microphone goes away mid-session, the user is told (on screen
 * and aloud) and typed commands take over; the session keeps its place.
 */
public final class MicrophoneInput implements CommandInput {
    static final String LOST_NOTICE = "I can't hear you any more: the microphone is gone. Type your commands instead.";
    static final String LISTENING_FAILED_NOTICE = "I can't understand speech any more: listening stopped working. "
            + "Type your commands instead.";

    private final FrameSource microphone;
    private final ListeningStage listener;
    private final PrintStream err;
    private final Supplier<CommandInput> fallback;
    private short[] frame = new short[0];
    private CommandInput typed;
    private String notice;
    private boolean toldOverrun;

    /**
     * @param played the coach's output, which the loop writes (see {@link CoachLoop#playingInto}): the echo
     *               canceller's reference
     * @param fallback what takes over if the microphone goes away: typed commands
     */
    public MicrophoneInput(FrameSource microphone, CommandRecognizer recognizer, PlayedSignal played, PrintStream err,
                           Supplier<CommandInput> fallback) {
        this(microphone, CompletableFuture.completedFuture(recognizer), played, err, fallback);
    }

    /** With the recognizer still loading: the coach speaks at once and listens as soon as it is ready. */
    public MicrophoneInput(FrameSource microphone, Future<CommandRecognizer> recognizer, PlayedSignal played,
                           PrintStream err, Supplier<CommandInput> fallback) {
        this(microphone, new ListeningWorker(recognizer), played, err, fallback);
    }

    MicrophoneInput(FrameSource microphone, ListeningWorker listener, PlayedSignal played, PrintStream err,
                    Supplier<CommandInput> fallback) {
        this.microphone = microphone;
        this.listener = ListeningStage.onWorker(listener, played);
        this.err = err;
        this.fallback = fallback;
    }

    @Override
    public String listening() {
        return typed != null ? "no microphone" : listener.ready() ? "listening" : "loading";
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        if (typed != null) {
            return typed.poll(now, n);
        }
        if (frame.length != n) {
            frame = new short[n];
        }
        Optional<ListeningWorker.ListeningFailure> failure = listener.failure();
        if (failure.isPresent()) {
            // The microphone stops here: nothing would listen to it.
            return typeInstead(failure.get().oneLine(), LISTENING_FAILED_NOTICE, now, n);
        }
        try {
            microphone.read(frame);
        } catch (IOException | RuntimeException e) {
            return typeInstead(e.getMessage(), LOST_NOTICE, now, n);
        }
        List<Hearing> heard = listener.hear(frame, now);
        if (listener.overrun() && !toldOverrun) {
            toldOverrun = true;
            err.println("coach: listening fell more than 10 s behind on this machine; some sound was not heard");
        }
        return heard;
    }

    /** Hands over to typed commands, saying why on one line and aloud; what was heard before still counts. */
    private List<Hearing> typeInstead(String why, String aloud, long now, int n) {
        err.println("coach: " + why + "; type commands instead (the words you would say), "
                + "and the session keeps its place");
        notice = aloud;
        microphone.close();
        List<Hearing> out = new ArrayList<>(listener.finish());
        typed = fallback.get();
        out.addAll(typed.poll(now, n));
        return out;
    }

    @Override
    public void listenFor(Context context) {
        listener.listenFor(context);
    }

    @Override
    public void warmUp(short[] phrase) {
        listener.warmUp(phrase);
    }

    @Override
    public Optional<String> notice() {
        String n = notice;
        notice = null;
        return Optional.ofNullable(n);
    }

    @Override
    public boolean hearsTheRoom() {
        return typed == null;
    }

    @Override
    public boolean ended() {
        return typed != null && typed.ended();
    }

    @Override
    public boolean paces() {
        return typed == null;
    }

    @Override
    public void close() {
        listener.close();
        if (typed == null) {
            microphone.close();
        } else {
            typed.close();
        }
    }
}
