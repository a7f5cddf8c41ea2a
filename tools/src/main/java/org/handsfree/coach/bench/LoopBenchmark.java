package org.handsfree.coach.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.NullSink;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.audio.SampleStream;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.loop.AudioFileInput;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.CommandInput;
import org.handsfree.coach.loop.Display;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.routine.Step;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;

/**
 * The whole loop on WAV scripts built from shared/eval clips placed at known times over low noise:
 * latency from the end of a command to the first sample of the answer, commands triggered by the
 * coach's own voice under --echo, the share of barge-ins acted on, CPU per second of audio, memory.
 */
public final class LoopBenchmark {
    private final PrintWriter out;

    public LoopBenchmark(PrintWriter out) {
        this.out = out;
    }

    public int run(Path eval) throws IOException {
        return run(eval, false);
    }

    /** @param latencyOnly only the two latency lines (in --fast and at real pace) */
    public int run(Path eval, boolean latencyOnly) throws IOException {
        Path commands = eval.resolve("commands");
        if (!Files.isDirectory(commands)) {
            out.println("loop: no eval set at " + eval);
            return 2;
        }
        try (CommandRecognizer recognizer = CommandRecognizer.load();
             CachingSynthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 120L * SampleTime.RATE)) {
            latency(commands, recognizer, voice);
            liveLatency(commands, recognizer, voice);
            if (latencyOnly) {
                return 0;
            }
            selfTriggers(recognizer, voice);
            bargeIn(commands, recognizer, voice, -6, 40);
            bargeIn(commands, recognizer, voice, 0, 20);
        }
        out.printf(Locale.ROOT, "memory: peak RSS of this benchmark process %d MB (heap max %d MB, a 2-minute clip cache)%n",
                RecognitionBenchmark.peakRssMb(), Runtime.getRuntime().maxMemory() >> 20);
        freshProcess();
        return 0;
    }

    /** Short-answer commands, said in the quiet after step 1, one every 12 s. */
    private void latency(Path commands, CommandRecognizer recognizer, CachingSynthesizer voice) throws IOException {
        String[] ids = {"020", "017", "018", "015", "016", "019"};
        String[] voices = {"flite-slt", "flite-rms", "festival-slt", "flite-awb", "flite-kal16", "espeak-en-us-150"};
        List<Object> cues = new ArrayList<>();
        double t = 58;
        for (int i = 0; i < ids.length * 2; i++) {
            cues.add(commands.resolve(ids[i % ids.length] + "_" + voices[(i / ids.length + i) % voices.length] + ".wav"));
            cues.add(t);
            t += 12;
        }
        short[] input = script(t + 5, cues);
        long cpu0 = cpuNanos();
        List<JsonObject> trace = run(RoutineLoader.builtIn(), input, recognizer, voice, null, 0);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        double[] l = latencies(trace);
        out.printf(Locale.ROOT, "latency (end of speech to first sample of the answer, %d of %d commands heard): median %.0f ms, "
                + "worst %.0f ms%n", l.length, ids.length * 2, median(l), worst(l));
        out.printf(Locale.ROOT, "cpu: %.3f s of CPU per second of audio while coaching and listening (%.0f s run in --fast)%n",
                cpu / (input.length / (double) SampleTime.RATE), input.length / (double) SampleTime.RATE);
    }

    /**
     * The same kind of commands at real pace, decoding on its own thread as live input does: here
     * the decoder's time counts, as it would with a microphone.
     */
    private void liveLatency(Path commands, CommandRecognizer recognizer, CachingSynthesizer voice) throws IOException {
        String[] ids = {"020", "017", "018", "015"};
        String[] voices = {"flite-slt", "flite-rms", "festival-slt", "flite-awb"};
        List<Object> cues = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            cues.add(commands.resolve(ids[i] + "_" + voices[i] + ".wav"));
            cues.add(3.0 + 8 * i);
        }
        short[] input = script(36, cues);
        List<JsonObject> trace;
        PlayedSignal played = new PlayedSignal();
        try (AudioFileInput in = AudioFileInput.inBackground(SampleStream.of(input),
                java.util.concurrent.CompletableFuture.completedFuture(recognizer), played, null, 0)) {
            in.warmUp(voice.render("Go to step five. What step am I on?").samples());
            trace = run(RoutineLoader.builtIn(), in, played, voice, true);
        }
        double[] l = latencies(trace);
        out.printf(Locale.ROOT, "latency at real pace, decoding on its own thread as live (%d of %d commands heard, said "
                + "over the coach's narration): median %.0f ms, worst %.0f ms%n", l.length, ids.length, median(l), worst(l));
        out.println("  where it went (median over the commands heard, ms after the end of speech): " + stages(trace));
    }

    /**
     * The trace's timing of each command heard and its answer, as medians: when the decode began ({@code decodeAt}),
     * how long it took ({@code decodeMs}) and its phone-loop pass ({@code phoneLoopMs}), when the stream reported
     * the verdict ({@code reportedAt}), when the loop took it ({@code t}), when the answer's first sample was due
     * ({@code say}), how long the answer took to render ({@code renderMs}) and how far behind the wall clock the
     * loop then was ({@code lateMs}).
     */
    static String stages(List<JsonObject> trace) {
        Map<String, List<Double>> v = new LinkedHashMap<>();
        for (String k : new String[] {"decodeAt", "decodeMs", "phoneLoopMs", "reportedAt", "taken", "answer", "renderMs",
            "lateMs"}) {
            v.put(k, new ArrayList<>());
        }
        for (JsonObject e : trace) {
            if (!type(e, "heard")) {
                continue;
            }
            long end = e.get("end").getAsLong();
            for (String k : new String[] {"decodeAt", "decodeMs", "phoneLoopMs", "reportedAt"}) {
                if (e.has(k)) {
                    v.get(k).add(e.get(k).getAsDouble());
                }
            }
            v.get("taken").add((double) (e.get("t").getAsLong() - end));
            trace.stream().filter(x -> type(x, "say") && x.get("t").getAsLong() >= e.get("t").getAsLong())
                    .min(java.util.Comparator.comparingLong(x -> x.get("t").getAsLong())).ifPresent(x -> {
                        v.get("answer").add((double) (x.get("t").getAsLong() - end));
                        for (String k : new String[] {"renderMs", "lateMs"}) {
                            if (x.has(k)) {
                                v.get(k).add(x.get(k).getAsDouble());
                            }
                        }
                    });
        }
        StringBuilder b = new StringBuilder();
        v.forEach((k, list) -> {
            if (!list.isEmpty()) {
                double[] a = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                b.append(String.format(Locale.ROOT, "%s %.0f, ", k, median(a)));
            }
        });
        return b.length() == 0 ? "(nothing heard)" : b.substring(0, b.length() - 2);
    }

    /** Narration and counting with only low noise as input, the coach's own output echoed back. */
    private void selfTriggers(CommandRecognizer recognizer, CachingSynthesizer voice) throws IOException {
        Routine base = RoutineLoader.builtIn();
        Step counted = base.step(10);
        Routine routine = new Routine("Echo test", base.intro(), base.safety(), List.of(base.step(2),
                new Step(counted.title(), counted.text(), Optional.of(new org.handsfree.coach.routine.Hold(
                        java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(60))), counted.rhythm(),
                        Optional.empty(), Step.Then.NEXT), base.step(11)), base.closing());
        short[] quiet = script(150, List.of());
        StringBuilder b = new StringBuilder();
        int total = 0;
        for (double gain : new double[] {0, -6, -10, -20}) {
            for (int delay : new int[] {10, 20, 40, 80}) {
                List<JsonObject> trace = run(routine, quiet, recognizer, voice, gain, delay);
                long heard = trace.stream().filter(e -> type(e, "heard")).count();
                total += heard;
                b.append(String.format(Locale.ROOT, "%s@%d:%d ", fmt(gain), delay, heard));
            }
        }
        out.println("self-triggers over 150 s of narration and counting (intro, step 2, a counted 60 s hold), "
                + "per --echo GAIN@DELAY: " + b + "; total " + total);
    }

    /** "stop", "pause", "wait" said over the coach's narration, with its voice echoed back. */
    private void bargeIn(Path commands, CommandRecognizer recognizer, CachingSynthesizer voice, double gain, int delay)
            throws IOException {
        String[] clips = {"012_flite-rms", "008_festival-slt", "009_flite-slt", "012_flite-awb", "008_flite-kal16",
            "009_espeak-en-us-150", "012_espeak-en-gb-150", "008_espeak-en-us+f3-190"};
        int acted = 0;
        List<Double> cut = new ArrayList<>();
        for (String c : clips) {
            short[] input = script(16, List.of(commands.resolve(c + ".wav"), 8.0));
            List<JsonObject> trace = run(RoutineLoader.builtIn(), input, recognizer, voice, gain, delay);
            Optional<JsonObject> paused = trace.stream().filter(e -> type(e, "state")
                    && e.get("state").getAsString().equals("paused")).findFirst();
            if (paused.isPresent()) {
                acted++;
                long at = paused.get().get("t").getAsLong();
                trace.stream().filter(e -> type(e, "say") && e.get("end").getAsLong() >= at - 10
                        && e.get("t").getAsLong() < at).findFirst()
                        .ifPresent(s -> cut.add((double) (s.get("end").getAsLong() - at)));
            }
        }
        out.printf(Locale.ROOT, "barge-in: %d of %d stop/pause/wait said over the coach (echo %s@%d) were acted on; "
                + "speech stopped %s ms after the decision%n", acted, clips.length, fmt(gain), delay,
                cut.stream().map(d -> String.format(Locale.ROOT, "%.0f", d)).toList());
    }

    private static String fmt(double g) {
        return g == Math.rint(g) ? String.valueOf((int) g) : String.valueOf(g);
    }

    private static boolean type(JsonObject e, String t) {
        return e.get("type").getAsString().equals(t);
    }

    private static List<JsonObject> run(Routine routine, short[] input, CommandRecognizer recognizer,
                                        CachingSynthesizer voice, Double echoDb, int echoMs) throws IOException {
        PlayedSignal played = new PlayedSignal();
        return run(routine, AudioFileInput.inline(input, recognizer, played, echoDb, echoMs), played, voice, false);
    }

    /** Runs the routine on {@code input} (in simulated time, or at real pace); returns the trace. */
    private static List<JsonObject> run(Routine routine, CommandInput input, PlayedSignal played, CachingSynthesizer voice,
                                        boolean realTime)
            throws IOException {
        StringWriter text = new StringWriter();
        try (Trace trace = Trace.to(text)) {
            new CoachLoop(new Session(routine), input, voice, new NullSink(), trace, Display.none(), realTime)
                    .playingInto(played).run();
        }
        return text.toString().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    /** For each command heard, from the end of its speech to the first answer after it, in ms; sorted. */
    private static double[] latencies(List<JsonObject> trace) {
        List<Double> lat = new ArrayList<>();
        for (JsonObject e : trace) {
            if (type(e, "heard")) {
                trace.stream().filter(x -> type(x, "say") && x.get("t").getAsLong() >= e.get("t").getAsLong())
                        .map(x -> x.get("t").getAsLong()).min(Long::compare)
                        .ifPresent(a -> lat.add((double) (a - e.get("end").getAsLong())));
            }
        }
        return lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double worst(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Low noise with clips (path, seconds, path, seconds...) placed on it. */
    private static short[] script(double seconds, List<Object> cues) throws IOException {
        short[] pcm = new short[(int) SampleTime.ofSeconds(seconds)];
        Random r = new Random(11);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(r.nextGaussian() * 30);
        }
        for (int k = 0; k < cues.size(); k += 2) {
            short[] clip;
            try {
                clip = WavReader.read((Path) cues.get(k));
            } catch (BadAudioException e) {
                throw new IOException(e.getMessage(), e);
            }
            int at = (int) SampleTime.ofSeconds((Double) cues.get(k + 1));
            for (int i = 0; i < clip.length && at + i < pcm.length; i++) {
                pcm[at + i] = Levels.toSample(pcm[at + i] + clip[i]);
            }
        }
        return pcm;
    }

    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /**
     * Starts the coach as ./coach does (same JVM options), listening to 20 s of low noise at real
     * pace: times its first spoken word (recognizer and voice loaded) and follows its peak RSS.
     */
    private void freshProcess() throws IOException {
        Optional<Path> jar = Processes.ownJar();
        if (jar.isEmpty()) {
            out.println("fresh process: skipped (not running from the jar)");
            return;
        }
        Path quiet = Files.createTempFile("coach-quiet", ".wav");
        try {
            try (org.handsfree.coach.audio.WavSink w = new org.handsfree.coach.audio.WavSink(quiet)) {
                short[] pcm = script(20, List.of());
                w.write(pcm, pcm.length);
            }
            long t = System.nanoTime();
            Process p = new ProcessBuilder(Processes.coach("-jar", jar.get().toString(), "--input", quiet.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            double first = Double.NaN;
            java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
            Thread watch = new Thread(() -> {
                while (p.isAlive()) {
                    peak.accumulateAndGet(Processes.peakRssKb(p.pid()), Math::max);
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                }
            }, "rss");
            watch.setDaemon(true);
            watch.start();
            try (java.io.BufferedReader r = new java.io.BufferedReader(
                    new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (Double.isNaN(first) && line.startsWith("coach:")) {
                        first = (System.nanoTime() - t) / 1e9;
                    }
                }
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                p.destroyForcibly();
            }
            out.printf(Locale.ROOT, "fresh coaching process (%s, --input 20 s at real pace): first spoken word %.2f s "
                    + "after start, peak RSS %d MB%n", Processes.COACH_JVM.get(0), first, peak.get() >> 10);
        } finally {
            Files.deleteIfExists(quiet);
        }
    }
}
