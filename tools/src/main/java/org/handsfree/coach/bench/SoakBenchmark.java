package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.loop.AudioFileInput;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.Display;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.handsfree.coach.voice.Synthesizer;

/**
 * A long session in simulated time, as {@code --input --fast --output --trace} runs it: room noise
 * streamed into the real recognizer with a command in the coach's voice every minute, the real voice
 * and mixer, the output to a WAV and the trace to a file. Every 10 simulated minutes it prints the
 * process's resident memory, the heap after a full collection and the thread count: none should
 * grow with the session's length.
 */
public final class SoakBenchmark {
    private static final List<String> PHRASES = List.of("next", "repeat", "what step am i on", "go back",
            "how much time is left", "pause", "resume", "faster", "slower", "go back", "next");
    private static final long EVERY = SampleTime.ofSeconds(60);
    private static final long REPORT_EVERY = SampleTime.ofSeconds(600);

    private final PrintWriter out;

    public SoakBenchmark(PrintWriter out) {
        this.out = out;
    }

    public int run(double minutes) throws IOException {
        Path wav = Files.createTempFile("coach-soak", ".wav");
        Path traceFile = Files.createTempFile("coach-soak", ".jsonl");
        long total = SampleTime.ofSeconds(minutes * 60);
        long wallStart = System.nanoTime();
        out.println("simulated min  RSS MB  heap after GC MB  threads  wall s");
        out.flush();
        try (Synthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 120L * SampleTime.RATE);
             CommandRecognizer recognizer = CommandRecognizer.load();
             WavSink sink = new WavSink(wav);
             Trace trace = Trace.to(traceFile)) {
            short[][] said = PHRASES.stream().map(p -> voice.render(p).samples()).toArray(short[][]::new);
            report(0, wallStart);
            Room room = new Room(total, said, wallStart);
            try (AudioFileInput input = AudioFileInput.inline(room, recognizer, new PlayedSignal(), null, 0)) {
                SessionState last = new CoachLoop(new Session(RoutineLoader.builtIn()), input, voice, sink, trace,
                        Display.none(), false).run();
                out.printf("the session ran %.1f simulated minutes and ended at step %d (%s)%n",
                        room.at / (double) SampleTime.RATE / 60, last.step(), last.mode().wireName());
            }
        } finally {
            out.printf("output WAV %.1f MB, trace %.1f kB (deleted)%n", Files.size(wav) / 1e6, Files.size(traceFile) / 1e3);
            Files.deleteIfExists(wav);
            Files.deleteIfExists(traceFile);
        }
        out.println("$ ./coach bench soak --minutes " + minutes);
        out.flush();
        return 0;
    }

    private void report(long minute, long wallStart) {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        double heap = (rt.totalMemory() - rt.freeMemory()) / 1e6;
        long rssKb = Processes.rssKb(ProcessHandle.current().pid());
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        out.printf("%13d  %6.1f  %16.1f  %7d  %6.1f%n", minute, rssKb / 1e3, heap, threads,
                (System.nanoTime() - wallStart) / 1e9);
        out.flush();
    }

    /** Room noise with a command every minute, streamed; reports every 10 simulated minutes. */
    private final class Room implements SampleStream {
        private final long total;
        private final short[][] said;
        private final long wallStart;
        private final Random random = new Random(1);
        long at;

        Room(long total, short[][] said, long wallStart) {
            this.total = total;
            this.said = said;
            this.wallStart = wallStart;
        }

        @Override
        public int read(short[] buf, int off, int len) {
            if (at >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - at);
            for (int i = 0; i < n; i++) {
                long t = at + i;
                long slot = t / EVERY;
                int into = (int) (t - slot * EVERY - SampleTime.ofSeconds(2));
                short[] phrase = said[(int) (slot % said.length)];
                double x = random.nextGaussian() * 30;
                if (into >= 0 && into < phrase.length) {
                    x += phrase[into];
                }
                buf[off + i] = (short) Math.max(-32768, Math.min(32767, Math.round(x)));
                if (t > 0 && t % REPORT_EVERY == 0) {
                    report(t / SampleTime.RATE / 60, wallStart);
                }
            }
            at += n;
            if (at == total) {
                report(total / SampleTime.RATE / 60, wallStart);
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
