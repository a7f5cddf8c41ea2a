package org.handsfree.coach.loop;

import static com.google.common.util.concurrent.Uninterruptibles.awaitUninterruptibly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.handsfree.coach.audio.FrameSource;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.bench.ScriptedInput;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.junit.jupiter.api.Test;

/** The listening thread reports whatever ends it, with its cause, and the loop hands over to typing. */
final class ListeningWorkerTest {
    /** Decoding that hears a rejection on frame {@code rejectAt} and throws {@code fault} on frame {@code failAt}. */
    static final class FailingDecoding implements ListeningWorker.Decoding {
        final RuntimeException fault;
        final int failAt;
        final AtomicInteger frames = new AtomicInteger();
        /** Released when the test lets it fail. */
        final CountDownLatch go = new CountDownLatch(1);

        FailingDecoding(RuntimeException fault, int failAt, boolean now) {
            this.fault = fault;
            this.failAt = failAt;
            if (now) {
                go.countDown();
            }
        }

        @Override
        public List<Hearing> accept(short[] frame, double echoDb) {
            int i = frames.getAndIncrement();
            if (i == failAt) {
                awaitUninterruptibly(go);
                throw fault;
            }
            return i == 10 ? List.of(new Rejection(0, 1600)) : List.of();
        }

        @Override
        public List<Hearing> finish() {
            return List.of();
        }

        @Override
        public void warmUp(short[] phrase) {
        }
    }

    /** Decoding that counts frames and warm-ups, and reports a stretch of sound open while {@code speech} is set. */
    static final class CountingDecoding implements ListeningWorker.Decoding {
        final AtomicInteger frames = new AtomicInteger();
        final AtomicInteger warmUps = new AtomicInteger();
        /** Whether a stretch of sound is open. */
        volatile boolean speech;

        @Override
        public List<Hearing> accept(short[] frame, double echoDb) {
            frames.incrementAndGet();
            return List.of();
        }

        @Override
        public List<Hearing> finish() {
            return List.of();
        }

        @Override
        public void warmUp(short[] phrase) {
            warmUps.incrementAndGet();
        }

        @Override
        public boolean inSpeech() {
            return speech;
        }
    }

    @Test
    void warmUps_runInTheQuietBetweenFrames_fourInAll_andNeverWhileAStretchIsOpen() throws Exception {
        CountingDecoding d = new CountingDecoding();
        ListeningWorker w = new ListeningWorker(CompletableFuture.completedFuture((CommandRecognizer) null), r -> d);
        w.warmUpWith(new short[1600]);
        d.speech = true;
        for (int i = 0; i < 20; i++) {
            handOver(w, d, i + 1);
        }
        // A stretch of sound is open: every frame is judged as it comes, and no warm-up holds it up.
        assertEquals(0, d.warmUps.get());
        d.speech = false;
        for (int i = 20; i < 40; i++) {
            handOver(w, d, i + 1);
        }
        w.finish();
        assertEquals(40, d.frames.get());
        assertEquals(4, d.warmUps.get());
        w.close();
    }

    @Test
    void aPhraseThatComesAfterTheFirstFrames_stillWarmsUp() throws Exception {
        CountingDecoding d = new CountingDecoding();
        ListeningWorker w = new ListeningWorker(CompletableFuture.completedFuture((CommandRecognizer) null), r -> d);
        for (int i = 0; i < 5; i++) {
            handOver(w, d, i + 1);
        }
        assertEquals(0, d.warmUps.get());
        // The coach renders its warm-up phrase beside the loop: it arrives once listening has begun.
        w.warmUpWith(new short[1600]);
        for (int i = 5; i < 15; i++) {
            handOver(w, d, i + 1);
        }
        w.finish();
        assertEquals(4, d.warmUps.get());
        w.close();
    }

    /** Hands over one frame and waits until it is judged and the worker has had time to warm up after it. */
    private static void handOver(ListeningWorker w, CountingDecoding d, int judged) throws InterruptedException {
        w.accept(new short[160], Double.NEGATIVE_INFINITY);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (d.frames.get() < judged && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        Thread.sleep(10);
    }

    private static ListeningWorker worker(FailingDecoding decoding) {
        return new ListeningWorker(CompletableFuture.completedFuture((CommandRecognizer) null), r -> decoding);
    }

    @Test
    void decodingThatThrows_isReportedWithItsCause_andLaterFramesAreDropped() throws Exception {
        IllegalStateException fault = new IllegalStateException("the lattice broke");
        FailingDecoding decoding = new FailingDecoding(fault, 20, true);
        ListeningWorker w = worker(decoding);
        assertTrue(w.failure().isEmpty());
        for (int i = 0; i < 21; i++) {
            w.accept(new short[160], Double.NEGATIVE_INFINITY);
        }
        assertThrowsFailed(w);
        ListeningWorker.ListeningFailure f = w.failure().orElseThrow();
        assertSame(fault, f.getCause());
        assertEquals("decoding failed (the lattice broke)", f.oneLine());
        // What was heard before the failure is still there.
        assertEquals(List.of(new Rejection(0, 1600)), w.heard());
        // Nothing listens any more: frames handed over now are not queued, and finishing returns at once.
        w.accept(new short[160], Double.NEGATIVE_INFINITY);
        long t = System.nanoTime();
        w.finish();
        assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(1));
        assertEquals(21, decoding.frames.get());
        w.close();
    }

    @Test
    void aCauseWithoutAMessage_isNamedByItsType() throws Exception {
        ListeningWorker w = worker(new FailingDecoding(new NullPointerException(), 0, true));
        w.accept(new short[160], Double.NEGATIVE_INFINITY);
        assertThrowsFailed(w);
        assertEquals("decoding failed (NullPointerException)", w.failure().orElseThrow().oneLine());
    }

    @Test
    void aRecognizerThatFailsToLoad_isTheCause() throws Exception {
        IllegalStateException missing = new IllegalStateException("model missing");
        ListeningWorker w = new ListeningWorker(CompletableFuture.failedFuture(missing));
        assertThrowsFailed(w);
        assertSame(missing, w.failure().orElseThrow().getCause());
        assertEquals("the recognizer could not load (model missing)", w.failure().orElseThrow().oneLine());
    }

    private static void assertThrowsFailed(ListeningWorker w) throws Exception {
        try {
            w.awaitTerminated(10, TimeUnit.SECONDS);
        } catch (IllegalStateException expected) {
            // awaitTerminated throws once the service has failed
        }
        assertEquals(ListeningWorker.State.FAILED, w.state());
    }

    /** A silent microphone that, on read {@code holdAt}, lets decoding fail and waits until listening has failed. */
    static final class Microphone implements FrameSource {
        private final ListeningWorker worker;
        private final CountDownLatch release;
        private final int holdAt;
        int reads;
        boolean closed;

        Microphone(ListeningWorker worker, CountDownLatch release, int holdAt) {
            this.worker = worker;
            this.release = release;
            this.holdAt = holdAt;
        }

        @Override
        public void read(short[] frame) throws IOException {
            assertFalse(closed, "read after close");
            if (reads++ == holdAt) {
                release.countDown();
                try {
                    worker.awaitTerminated(10, TimeUnit.SECONDS);
                } catch (IllegalStateException expected) {
                    // failed, as the test means it to
                } catch (TimeoutException e) {
                    throw new IOException(e);
                }
            }
            Arrays.fill(frame, (short) 0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void decodingThatThrowsMidSession_handsOverToTyping_withWhy_andStopsTheMicrophone() throws Exception {
        FailingDecoding decoding = new FailingDecoding(new IllegalStateException("the lattice broke"), 50, false);
        ListeningWorker worker = worker(decoding);
        // Frame 50 fails once the loop is reading frame 51, which waits for the failure: so the loop first sees
        // it before reading frame 52, whatever the threads' timing.
        Microphone mic = new Microphone(worker, decoding.go, 51);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PlayedSignal played = new PlayedSignal();
        MicrophoneInput input = new MicrophoneInput(mic, worker, played, DeviceLossTest.to(err),
                () -> new ScriptedInput(List.of(
                        new ScriptedInput.Cue(SampleTime.ofSeconds(6), "next", Intent.of(Intent.Kind.NEXT))),
                        SampleTime.ofSeconds(8)));
        List<JsonObject> t;
        try (CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 30L * SampleTime.RATE)) {
            StringWriter text = new StringWriter();
            try (Trace trace = Trace.to(text)) {
                new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, new NullSink(), trace, Display.none(),
                        false).playingInto(played).run();
            }
            t = text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        }
        // One line that names the real cause, not the microphone and not "fell behind".
        assertEquals("coach: decoding failed (the lattice broke); type commands instead (the words you would say), "
                + "and the session keeps its place\n", err.toString(StandardCharsets.UTF_8));
        // The microphone is read up to the frame where listening was seen to fail, then closed.
        assertEquals(52, mic.reads);
        assertTrue(mic.closed);
        // Said aloud as well, and typed commands carry the session on from its place.
        assertTrue(t.stream().anyMatch(x -> x.get("type").getAsString().equals("say")
                && x.get("text").getAsString().equals(MicrophoneInput.LISTENING_FAILED_NOTICE)), t.toString());
        // (A "next" during the safety notes is answered and kept until they end.)
        assertTrue(t.stream().anyMatch(x -> x.get("type").getAsString().equals("say")
                && x.get("text").getAsString().startsWith("After the safety notes.")), t.toString());
        assertEquals(List.of(1), ListeningLoopTest.steps(t));
        // The rejection heard before the failure was delivered too.
        assertEquals(1, t.stream().filter(x -> x.get("type").getAsString().equals("rejected")).count());
    }
}
