package org.handsfree.coach.loop;

import com.google.common.util.concurrent.AbstractExecutionThreadService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;

/**
 * Listens on its own thread, so that decoding a stretch (100-400 ms of CPU) never holds up the
 * loop that feeds the speaker: the device buffers are about 100 ms, and a stall there would be a
 * gap in the coach's voice or a late beat. The loop hands over each frame and collects what was
 * heard when it is ready. Frames are judged in order, so start and end times are on the loop's
 * clock; only the moment a result arrives depends on the CPU. Live input only: simulations over a
 * file listen on the loop's thread to stay repeatable.
 *
 * <p>A service in Guava's sense: whatever ends it early (the recognizer failing to load, or any
 * exception while decoding) is kept with its cause and reported by {@link #failure()}, so the loop
 * can stop feeding it and say why.
 */
final class ListeningWorker extends AbstractExecutionThreadService implements AutoCloseable {
    /** Up to 10 s of frames may wait for the decoder before the oldest are dropped. */
    private static final int BACKLOG = 1000;

    /** Decodes of a sample phrase before listening: the first decodes in a fresh JVM are two to three times slower. */
    private static final int WARM_UPS = 4;

    /** What the worker drives: the recognizer's stream for one input, and its warm-up. */
    interface Decoding {
        List<Hearing> accept(short[] frame, double echoDb);

        List<Hearing> finish();

        void warmUp(short[] phrase);

        /** True while a stretch of sound is open (a warm-up then waits: the stretch may be a command). */
        default boolean inSpeech() {
            return false;
        }

        /** Frames from now on are judged in {@code c}. */
        default void listenFor(Context c) {
        }
    }

    private record Frame(short[] samples, double echoDb) {
    }

    private static final Frame END = new Frame(new short[0], 0);

    private final Future<CommandRecognizer> loading;
    private final Function<CommandRecognizer, Decoding> open;
    private volatile short[] warmUp;
    private final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(BACKLOG);
    private final ConcurrentLinkedQueue<Hearing> heard = new ConcurrentLinkedQueue<>();
    private volatile Thread thread;
    private volatile boolean overrun;
    /** The context in force, handed to the stream on the decoder's thread. */
    private volatile Context context = Context.COACHING;

    /** @param loading the recognizer, perhaps still loading: frames wait for it, so the coach can speak meanwhile */
    ListeningWorker(Future<CommandRecognizer> loading) {
        this(loading, ListeningWorker::decoding);
    }

    /** @param open makes the decoding of this input once the recognizer is ready (tests make it fail) */
    ListeningWorker(Future<CommandRecognizer> loading, Function<CommandRecognizer, Decoding> open) {
        this.loading = loading;
        this.open = open;
        startAsync();
    }

    private static Decoding decoding(CommandRecognizer recognizer) {
        CommandRecognizer.Stream stream = recognizer.newStream();
        return new Decoding() {
            @Override
            public List<Hearing> accept(short[] frame, double echoDb) {
                return stream.accept(frame, echoDb);
            }

            @Override
            public List<Hearing> finish() {
                return stream.finish();
            }

            @Override
            public void warmUp(short[] phrase) {
                recognizer.recognizeAll(phrase);
            }

            @Override
            public boolean inSpeech() {
                return stream.inSpeech();
            }

            @Override
            public void listenFor(Context c) {
                stream.listenFor(c);
            }
        };
    }

    /**
     * Decodes {@code phrase} a few times once listening has begun, so the user's first command is answered as
     * fast as later ones. One warm-up at a time, and only while no frame waits and no stretch of sound is open:
     * a command said meanwhile waits for one warm-up at most, not for all of them (they took 10 s of a fresh
     * coach's first 17 at a load of 12, and a command said then waited as long). May be called from any thread,
     * before or after frames are handed over.
     */
    void warmUpWith(short[] phrase) {
        warmUp = phrase;
    }

    /** Frames handed over from now on are judged in {@code c}. */
    void listenFor(Context c) {
        context = c;
    }

    /** Hands over the next frame (copied); never blocks. Frames after a failure are dropped. */
    void accept(short[] frame, double echoDb) {
        if (!listening()) {
            return;
        }
        if (!frames.offer(new Frame(frame.clone(), echoDb))) {
            overrun = true;
        }
    }

    /** True from the start (while the recognizer loads) until listening ends or fails. */
    private boolean listening() {
        State s = state();
        return s == State.STARTING || s == State.RUNNING;
    }

    /** What was heard since the last call. */
    List<Hearing> heard() {
        List<Hearing> out = new ArrayList<>();
        Hearing h;
        while ((h = heard.poll()) != null) {
            out.add(h);
        }
        return out;
    }

    /**
     * Why listening stopped, with its cause: the recognizer could not load, or decoding threw.
     * Empty while it works, and after it finished normally.
     */
    Optional<ListeningFailure> failure() {
        if (state() != State.FAILED) {
            return Optional.empty();
        }
        Throwable cause = failureCause();
        return Optional.of(cause instanceof ListeningFailure f ? f : new ListeningFailure("listening failed", cause));
    }

    /** True once frames had to be dropped because decoding fell 10 s behind. */
    boolean overrun() {
        return overrun;
    }

    @Override
    protected void run() throws ListeningFailure {
        Decoding decoding;
        try {
            decoding = open.apply(loading.get());
        } catch (ExecutionException e) {
            throw new ListeningFailure("the recognizer could not load", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            throw new ListeningFailure("the recognizer could not load", e);
        }
        try {
            Frame f = frames.take();
            int warmUps = WARM_UPS;
            while (f != END) {
                decoding.listenFor(context);
                heard.addAll(decoding.accept(f.samples(), f.echoDb()));
                // The phrase may come after the first frames (it is rendered beside the loop).
                short[] phrase = warmUp;
                if (phrase != null && warmUps > 0 && frames.isEmpty() && !decoding.inSpeech()) {
                    decoding.warmUp(phrase);
                    warmUps--;
                }
                f = frames.take();
            }
            heard.addAll(decoding.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            throw new ListeningFailure("decoding failed", e);
        }
    }

    /** Not used to stop: {@link #finish()} ends the queue so that the frames before it are still judged. */
    @Override
    protected void triggerShutdown() {
    }

    @Override
    protected Executor executor() {
        // A daemon thread: a session that ends while the recognizer still loads must not wait for it.
        return command -> {
            Thread t = new Thread(command, "listening");
            t.setDaemon(true);
            thread = t;
            t.start();
        };
    }

    @Override
    protected String serviceName() {
        return "listening";
    }

    /**
     * Stops listening: the frames already handed over are still judged (what was said just before
     * the microphone went away counts, even if the recognizer was still loading), a stretch still open
     * is judged, and the results can still be collected. Returns at once if listening has failed.
     */
    void finish() {
        try {
            while (listening() && !frames.offer(END, 100, TimeUnit.MILLISECONDS)) {
                // the decoder is behind by a full backlog: wait for room
            }
            awaitTerminated(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | IllegalStateException e) {
            // Still decoding after 10 s, or failed: what was heard so far is what there is; failure() says why.
        }
    }

    /** Whether the recognizer has finished loading (or failed to). */
    boolean ready() {
        return loading.isDone();
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Why listening stopped: a one-line account for the user, and the exception behind it as the cause. */
    static final class ListeningFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ListeningFailure(String what, Throwable cause) {
            super(what, cause);
        }

        /** "decoding failed (index 3 out of bounds)": what went wrong, then what the cause says. */
        String oneLine() {
            Throwable c = getCause();
            if (c == null) {
                return getMessage();
            }
            String m = c.getMessage();
            if (m == null || m.isBlank()) {
                m = c.getClass().getSimpleName();
            }
            return getMessage() + " (" + m.replaceAll("\\s+", " ").trim() + ")";
        }
    }
}
