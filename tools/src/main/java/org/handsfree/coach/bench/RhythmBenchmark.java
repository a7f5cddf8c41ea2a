package org.handsfree.coach.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.Onsets;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.audio.WavSink;
import org.handsfree.coach.loop.CoachLoop;
import org.handsfree.coach.loop.Display;
import org.handsfree.coach.loop.Trace;
import org.handsfree.coach.routine.Rhythm;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.routine.Step;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.CachingSynthesizer;
import org.handsfree.coach.voice.FreeTtsSynthesizer;
import org.handsfree.coach.voice.Synthesizer;

/**
 * Renders minutes of the built-in count through the real loop, voice and mixer into a WAV, finds
 * the beats in that audio with its own onset detector, and prints how well they keep time. Also
 * times synthesis and the start-up of a fresh {@code coach} process.
 */
public final class RhythmBenchmark {
    private final PrintWriter out;

    public RhythmBenchmark(PrintWriter out) {
        this.out = out;
    }

    public int run(double minutes, Path keep) throws IOException, InterruptedException {
        Rhythm rhythm = RoutineLoader.builtIn().step(10).rhythm().orElseThrow();
        Routine routine = new Routine("Rhythm benchmark", "", List.of(),
                List.of(new Step("Count", "Count.", Optional.empty(), Optional.of(rhythm), Optional.empty(),
                        Step.Then.WAIT)), "Done.");
        Path wav = keep != null ? keep : Files.createTempFile("coach-rhythm", ".wav");
        StringWriter traceText = new StringWriter();
        long endAt = SampleTime.ofSeconds(minutes * 60 + 4);
        long wallStart;
        double wallSeconds;
        try (Synthesizer voice = new CachingSynthesizer(FreeTtsSynthesizer.load(), 60L * SampleTime.RATE);
             WavSink sink = new WavSink(wav);
             Trace trace = Trace.to(traceText)) {
            wallStart = System.nanoTime();
            new CoachLoop(new Session(routine), new ScriptedInput(List.of(), endAt), voice, sink, trace,
                    Display.none(), false).run();
            wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            synthesisLatency(voice);
        }
        List<Long> traced = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String line : traceText.toString().split("\n")) {
            JsonObject e = JsonParser.parseString(line).getAsJsonObject();
            if (e.get("type").getAsString().equals("beat")) {
                traced.add(e.get("t").getAsLong());
                words.add(e.get("word").getAsString());
            }
        }
        short[] pcm;
        try {
            pcm = WavReader.read(wav);
        } catch (BadAudioException e) {
            throw new IOException(e.getMessage(), e);
        }
        out.printf("rhythm: %.1f min of counting (%s), rendered in %.1f s%n", minutes,
                rhythm.beats().stream().map(b -> b.word() + " " + b.seconds() + " s").toList(), wallSeconds);
        for (OnsetDetector.Kind kind : OnsetDetector.Kind.values()) {
            report(kind, pcm, rhythm, traced);
        }
        perceptual(pcm, rhythm, traced, words);
        startup();
        if (keep == null) {
            Files.deleteIfExists(wav);
        } else {
            out.println("  audio kept in " + keep);
        }
        return 0;
    }

    private void report(OnsetDetector.Kind kind, short[] pcm, Rhythm rhythm, List<Long> tracedMs) {
        long firstTraced = SampleTime.ofMillis(tracedMs.get(0));
        List<Long> onsets = OnsetDetector.detect(pcm, kind, 60).stream()
                .filter(t -> t >= firstTraced - SampleTime.ofMillis(50)).toList();
        long t0 = onsets.get(0);
        int perCycle = rhythm.beats().size();
        List<Long> ideal = new ArrayList<>();
        for (int k = 0; ; k++) {
            double s = (k / perCycle) * rhythm.cycleSeconds() + rhythm.offsetSeconds(k % perCycle);
            long t = t0 + SampleTime.ofSeconds(s);
            if (t > pcm.length) {
                break;
            }
            ideal.add(t);
        }
        double[] dev = new double[onsets.size()];
        for (int i = 0; i < onsets.size(); i++) {
            dev[i] = onsets.get(i) - nearest(ideal, onsets.get(i));
        }
        double mean = Arrays.stream(dev).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(dev).map(d -> (d - mean) * (d - mean)).average().orElse(0));
        double worst = Arrays.stream(dev).map(Math::abs).max().orElse(0);
        int n = Math.min(20, dev.length / 2);
        double drift = Arrays.stream(dev, dev.length - n, dev.length).average().orElse(0)
                - Arrays.stream(dev, 0, n).average().orElse(0);
        double[] offsets = new double[Math.min(onsets.size(), tracedMs.size())];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = SampleTime.toMillis(onsets.get(i)) - nearest(tracedMs, SampleTime.toMillis(onsets.get(i)));
        }
        double offset = Arrays.stream(offsets).average().orElse(0);
        out.printf("  onsets %-8s beats found %d of %d expected | jitter %.3f ms sd | worst %.3f ms | "
                        + "drift %.1f samples over %.1f min | onset - trace grid %.2f ms (trace has 1 ms steps)%n",
                kind.name().toLowerCase(), onsets.size(), ideal.size(), sd / 16.0, worst / 16.0, drift,
                (onsets.get(onsets.size() - 1) - t0) / (60.0 * SampleTime.RATE), offset);
    }

    /**
     * Where the ear hears each beat (its perceptual onset: the 10 ms RMS envelope's first reach of half
     * its peak) and where it first makes a sound, measured per beat in the output, against the ideal
     * grid anchored at the first beat's perceptual onset; per word and over all.
     */
    private void perceptual(short[] pcm, Rhythm rhythm, List<Long> tracedMs, List<String> words) {
        int perCycle = rhythm.beats().size();
        long[] heard = new long[tracedMs.size()];
        long[] audible = new long[tracedMs.size()];
        int before = (int) SampleTime.ofMillis(150);
        for (int i = 0; i < heard.length; i++) {
            long t = SampleTime.ofMillis(tracedMs.get(i));
            long next = i + 1 < heard.length ? SampleTime.ofMillis(tracedMs.get(i + 1)) : pcm.length;
            int from = (int) Math.max(0, t - before);
            int to = (int) Math.min(pcm.length, from + (next - from) - before);
            short[] around = Arrays.copyOfRange(pcm, from, to);
            heard[i] = from + Onsets.perceptual(around);
            audible[i] = from + Onsets.onset(around);
        }
        long t0 = heard[0];
        double[] dev = new double[heard.length];
        java.util.Map<String, List<double[]>> byWord = new java.util.LinkedHashMap<>();
        for (int k = 0; k < heard.length; k++) {
            double s = (k / perCycle) * rhythm.cycleSeconds() + rhythm.offsetSeconds(k % perCycle);
            double ideal = t0 + s * SampleTime.RATE;
            dev[k] = (heard[k] - ideal) / 16.0;
            byWord.computeIfAbsent(words.get(k), w -> new ArrayList<>())
                    .add(new double[] {dev[k], (audible[k] - ideal) / 16.0});
        }
        double mean = Arrays.stream(dev).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(dev).map(d -> (d - mean) * (d - mean)).average().orElse(0));
        double worst = Arrays.stream(dev).map(d -> Math.abs(d - mean)).max().orElse(0);
        int n = Math.min(20, dev.length / 2);
        double drift = Arrays.stream(dev, dev.length - n, dev.length).average().orElse(0)
                - Arrays.stream(dev, 0, n).average().orElse(0);
        out.printf("  perceptual onsets (10 ms RMS envelope first at half its peak), %d beats: spread across words"
                + " %.3f ms sd | worst %.3f ms | drift %.3f ms over %.1f min%n", dev.length, sd, worst, drift,
                (heard[heard.length - 1] - t0) / (60.0 * SampleTime.RATE));
        for (java.util.Map.Entry<String, List<double[]>> e : byWord.entrySet()) {
            double p = e.getValue().stream().mapToDouble(d -> d[0]).average().orElse(0);
            double a = e.getValue().stream().mapToDouble(d -> d[1]).average().orElse(0);
            out.printf("    %-8s perceptual onset %+.2f ms from the grid, first audible sample %+.2f ms (%d beats)%n",
                    e.getKey(), p - mean, a - mean, e.getValue().size());
        }
    }

    private static long nearest(List<Long> sorted, long t) {
        int i = java.util.Collections.binarySearch(sorted, t);
        if (i >= 0) {
            return sorted.get(i);
        }
        int ins = -i - 1;
        long best = Long.MAX_VALUE;
        for (int j = Math.max(0, ins - 1); j <= Math.min(sorted.size() - 1, ins); j++) {
            if (Math.abs(sorted.get(j) - t) < Math.abs(best - t)) {
                best = sorted.get(j);
            }
        }
        return best;
    }

    private void synthesisLatency(Synthesizer voice) {
        double[] cached = new double[50];
        for (int i = 0; i < cached.length; i++) {
            long t = System.nanoTime();
            voice.render("press");
            cached[i] = (System.nanoTime() - t) / 1e6;
        }
        String[] fresh = {"Press your fingers gently back toward your chest.", "Move your fingers to a third spot.",
            "Three minutes and ten seconds left.", "Step seven of twelve: light stroke.",
            "Keep the same rhythm here for a while.", "Bring your thumb and fingers together now.",
            "Say next when you are ready to go on.", "That is as fast as I go, for now.",
            "Let go and relax for a moment or two.", "Stroke your breast very lightly again."};
        double[] newText = new double[fresh.length];
        for (int i = 0; i < fresh.length; i++) {
            long t = System.nanoTime();
            voice.render(fresh[i]);
            newText[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(cached);
        Arrays.sort(newText);
        double frameMs = CoachLoop.FRAME * 1000.0 / SampleTime.RATE;
        out.printf("speech latency (synthesis + at most one %.0f ms frame): cached clip median %.2f ms, worst %.2f ms;"
                        + " new sentence median %.1f ms, worst %.1f ms%n",
                frameMs, cached[cached.length / 2] + frameMs, cached[cached.length - 1] + frameMs,
                newText[newText.length / 2] + frameMs, newText[newText.length - 1] + frameMs);
    }

    /** Starts {@code coach --keyboard} as a fresh process and times its first spoken line. */
    private void startup() throws IOException, InterruptedException {
        Optional<Path> jar = Processes.ownJar();
        if (jar.isEmpty()) {
            out.println("startup: skipped (not running from the jar)");
            return;
        }
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(Processes.java(),
                    "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-jar", jar.get().toString(), "--keyboard")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("coach:")) {
                    // Skip anything before the first spoken line.
                }
                times[i] = (System.nanoTime() - t) / 1e9;
                p.getOutputStream().close();
                p.waitFor(10, TimeUnit.SECONDS);
            } finally {
                p.destroyForcibly();
            }
        }
        Arrays.sort(times);
        out.printf("startup to the first spoken word (fresh JVM, %d runs): median %.2f s, worst %.2f s%n",
                times.length, times[times.length / 2], times[times.length - 1]);
    }
}
