package org.handsfree.coach.loop;

import java.util.List;
import java.util.Optional;
import org.handsfree.coach.audio.EchoCanceller;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;

/**
 * The one listening stage every source of sound goes through: the echo canceller (when the coach's
 * own voice can reach the source), then the recognizer's stream, told the context in force. The
 * stream runs inline on the loop's thread (a simulation over a file, {@code --fast}, repeatable) or
 * on a {@link ListeningWorker} (live, so decoding never holds up the speaker).
 */
final class ListeningStage implements AutoCloseable {
    /** Echo paths up to 100 ms are cancelled. */
    static final int CANCEL_TAPS = 1600;
    /** The canceller's adaptation step. */
    private static final double CANCEL_STEP = 0.5;

    private final CommandRecognizer.Stream inline;
    private final ListeningWorker worker;
    /** What the coach played (the canceller's reference); null when its voice can't reach the source. */
    private final PlayedSignal played;
    private final EchoCanceller canceller;
    private short[] reference = new short[0];
    private short[] clean = new short[0];

    private ListeningStage(CommandRecognizer.Stream inline, ListeningWorker worker, PlayedSignal played) {
        this.inline = inline;
        this.worker = worker;
        this.played = played;
        this.canceller = played == null ? null : new EchoCanceller(CANCEL_TAPS, CANCEL_STEP);
    }

    /** Decodes on the caller's thread. @param played the coach's output if it can reach the source, else null */
    static ListeningStage inline(CommandRecognizer recognizer, PlayedSignal played) {
        return new ListeningStage(recognizer.newStream(), null, played);
    }

    /** Decodes on {@code worker}'s thread. @param played the coach's output if it can reach the source, else null */
    static ListeningStage onWorker(ListeningWorker worker, PlayedSignal played) {
        return new ListeningStage(null, worker, played);
    }

    /**
     * Hears the frame recorded from sample time {@code now}; returns what was heard so far. The loop
     * plays the frame at {@code now} after hearing it, so the canceller's reference is the frame before.
     */
    List<Hearing> hear(short[] frame, long now) {
        short[] heard = frame;
        double echoDb = Double.NEGATIVE_INFINITY;
        if (canceller != null) {
            int n = frame.length;
            if (reference.length != n) {
                reference = new short[n];
                clean = new short[n];
            }
            for (int i = 0; i < n; i++) {
                reference[i] = played.at(now + i - n);
            }
            canceller.process(frame, reference, clean);
            heard = clean;
            echoDb = canceller.residualEchoDb();
        }
        if (worker == null) {
            return inline.accept(heard, echoDb);
        }
        worker.accept(heard, echoDb);
        return worker.heard();
    }

    /** Sound from now on is judged in {@code c}. */
    void listenFor(Context c) {
        if (worker == null) {
            inline.listenFor(c);
        } else {
            worker.listenFor(c);
        }
    }

    /** A phrase to decode a few times before listening, where decoding runs on a worker. */
    void warmUp(short[] phrase) {
        if (worker != null) {
            worker.warmUpWith(phrase);
        }
    }

    /** Ends listening: a stretch still open is judged; returns what was heard since the last frame. */
    List<Hearing> finish() {
        if (worker == null) {
            return inline.finish();
        }
        worker.finish();
        return worker.heard();
    }

    /** Why listening stopped, with its cause; empty inline (a failure there is thrown to the loop). */
    Optional<ListeningWorker.ListeningFailure> failure() {
        return worker == null ? Optional.empty() : worker.failure();
    }

    /** Whether the recognizer has loaded (always, inline). */
    boolean ready() {
        return worker == null || worker.ready();
    }

    /** True once decoding fell so far behind that sound was dropped. */
    boolean overrun() {
        return worker != null && worker.overrun();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
