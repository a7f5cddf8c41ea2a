package org.handsfree.coach.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 */
final class ListeningWorker implements AutoCloseable {
    /** Up to 10 s of frames may wait for the decoder before the oldest are dropped. */
    private static final int BACKLOG = 1000;

    private record Frame(short[] samples, double echoDb) {
    }

    /** Decodes of a sample phrase before listening: the first decodes in a fresh JVM are two to three times slower. */
    private static final int WARM_UPS = 4;

    private static final Frame END = new Frame(new short[0], 0);

    private final Future<CommandRecognizer> loading;
    private volatile String failure;
    private volatile short[] warmUp;
    private final BlockingQueue<Frame> frames = new ArrayBlockingQueue<>(BACKLOG);
    private final ConcurrentLinkedQueue<Hearing> heard = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean overrun;
    /** The context in force, handed to the stream on the decoder's thread. */
    private volatile Context context = Context.COACHING;

    /** @param loading the recognizer, perhaps still loading: frames wait for it, so the coach can speak meanwhile */
    ListeningWorker(Future<CommandRecognizer> loading) {
        this.loading = loading;
        this.thread = new Thread(this::run, "listening");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Decodes {@code phrase} a few times before the first frame, so the user's first command is
     * answered as fast as later ones; frames wait meanwhile. Call before handing over frames.
     */
    void warmUpWith(short[] phrase) {
        warmUp = phrase;
    }

    /** Frames handed over from now on are judged in {@code c}. */
    void listenFor(Context c) {
        context = c;
    }

    /** Hands over the next frame (copied); never blocks. */
    void accept(short[] frame, double echoDb) {
        if (!frames.offer(new Frame(frame.clone(), echoDb))) {
            overrun = true;
        }
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

    /** Why listening stopped (the recognizer could not load), or null. */
    String failure() {
        return failure;
    }

    /** True once frames had to be dropped because decoding fell 10 s behind. */
    boolean overrun() {
        return overrun;
    }

    private void run() {
        try {
            CommandRecognizer recognizer;
            try {
                recognizer = loading.get();
            } catch (ExecutionException e) {
                failure = "the recognizer could not load (" + e.getCause().getMessage() + ")";
                return;
            }
            CommandRecognizer.Stream stream = recognizer.newStream();
            Frame f = frames.take();
            short[] phrase = warmUp;
            for (int i = 0; phrase != null && i < WARM_UPS; i++) {
                recognizer.recognizeAll(phrase);
            }
            while (f != END) {
                stream.listenFor(context);
                heard.addAll(stream.accept(f.samples(), f.echoDb()));
                f = frames.take();
            }
            heard.addAll(stream.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops listening: the frames already handed over are still judged (what was said just before
     * the microphone went away counts, even if the recognizer was still loading), a stretch still open
     * is judged, and the results can still be collected.
     */
    void finish() {
        try {
            while (!frames.offer(END, 100, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    break;
                }
            }
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
