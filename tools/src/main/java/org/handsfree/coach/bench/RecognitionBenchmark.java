package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.ConfidenceModel;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.time.SampleTime;

/**
 * Runs the real recognizer over {@code shared/eval} and prints intent accuracy (overall, per voice
 * or speaker, tuning part and held-out part), false accepts per set, real-time factor, time until
 * the recognizer is ready, and peak memory. {@code --dump} writes every verdict with its inputs.
 */
public final class RecognitionBenchmark {
    private final PrintWriter out;

    public RecognitionBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** One clip's outcome. */
    record Outcome(EvalSet.Clip clip, List<Verdict> verdicts, boolean ok) {
    }

    public int run(Path eval, Path dump, Map<String, String> overrides) throws IOException {
        if (!Files.isDirectory(eval.resolve("commands"))) {
            out.println("recognition: no eval set at " + eval + " (expected commands/, noncommands/, real-dev/)");
            return 2;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long loadStart = System.nanoTime();
        List<Outcome> all = new ArrayList<>();
        double audioSeconds = 0;
        double decodeSeconds = 0;
        double decodeCpuSeconds = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides)) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            double readySeconds = (System.currentTimeMillis() - jvmStart) / 1000.0;
            out.printf(Locale.ROOT, "recognizer ready %.2f s after the process started (loading took %.2f s)%n",
                    readySeconds, loadSeconds);
            for (EvalSet set : EvalSet.load(eval)) {
                List<Outcome> outcomes = new ArrayList<>();
                for (EvalSet.Clip clip : set.clips()) {
                    short[] pcm;
                    try {
                        pcm = WavReader.read(clip.file());
                    } catch (BadAudioException e) {
                        out.println("  skipped: " + e.getMessage());
                        continue;
                    }
                    long t = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    List<Verdict> verdicts = recognizer.judgeAll(pcm);
                    decodeSeconds += (System.nanoTime() - t) / 1e9;
                    decodeCpuSeconds += (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                    audioSeconds += pcm.length / (double) SampleTime.RATE;
                    List<Verdict> accepted = verdicts.stream().filter(Verdict::accepted).toList();
                    boolean ok = clip.expected().isEmpty() ? accepted.isEmpty()
                            : !accepted.isEmpty() && accepted.stream().allMatch(v -> v.intent().equals(clip.expected()));
                    outcomes.add(new Outcome(clip, verdicts, ok));
                }
                report(set, outcomes);
                all.addAll(outcomes);
            }
        }
        // The wall clock also counts whatever else the machine did meanwhile (the JIT compiler, other
        // processes); the decoding thread's CPU time is the decoder's own cost.
        out.printf(Locale.ROOT, "speed: %.1f s of audio decoded in %.1f s: real-time factor %.3f "
                + "(the decoding thread's CPU time: %.1f s, %.3f)%n", audioSeconds, decodeSeconds,
                decodeSeconds / audioSeconds, decodeCpuSeconds, decodeCpuSeconds / audioSeconds);
        out.printf(Locale.ROOT, "memory: peak RSS %d MB, heap max %d MB%n", peakRssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (dump != null) {
            dump(all, dump);
            out.println("verdicts written to " + dump);
        }
        return 0;
    }

    private void report(EvalSet set, List<Outcome> outcomes) {
        boolean commands = !outcomes.isEmpty() && !outcomes.get(0).clip().expected().isEmpty();
        String what = commands ? "intent accuracy" : "false accepts";
        out.printf(Locale.ROOT, "%s (%d clips): %s%n", set.name(), outcomes.size(), what);
        for (String part : new String[] {"all", "tuning", "held-out"}) {
            List<Outcome> sel = outcomes.stream().filter(o -> part.equals("all")
                    || (part.equals("held-out") == o.clip().heldOut())).toList();
            if (sel.isEmpty()) {
                continue;
            }
            out.printf(Locale.ROOT, "  %-9s %s%n", part, score(sel, commands));
        }
        Map<String, List<Outcome>> groups = new TreeMap<>();
        outcomes.forEach(o -> groups.computeIfAbsent(o.clip().group(), k -> new ArrayList<>()).add(o));
        StringBuilder b = new StringBuilder();
        groups.forEach((g, list) -> b.append(String.format(Locale.ROOT, "%s%s %s; ", g,
                list.get(0).clip().heldOut() ? "*" : "", score(list, commands))));
        out.println("  by " + (commands ? "voice/speaker" : "kind") + " (* held out): " + b);
        List<String> misses = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (!o.ok() && misses.size() < 12) {
                List<String> heard = o.verdicts().stream().map(v -> v.accepted() ? v.intent() : "(" + v.reason() + ")")
                        .toList();
                misses.add(o.clip().file().getFileName() + " -> " + heard);
            }
        }
        if (!misses.isEmpty()) {
            out.println("  first misses: " + String.join("; ", misses));
        }
    }

    private static String score(List<Outcome> list, boolean commands) {
        long ok = list.stream().filter(Outcome::ok).count();
        if (commands) {
            return String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * ok / list.size(), ok, list.size());
        }
        long fa = list.size() - ok;
        return String.format(Locale.ROOT, "%d of %d", fa, list.size());
    }

    private static void dump(List<Outcome> all, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("file\texpected\tgroup\theldOut\ttext\tintent\toog\tconfidence\taccepted\treason\t"
                + String.join("\t", ConfidenceModel.FEATURES) + "\thighBandDb");
        for (Outcome o : all) {
            for (Verdict v : o.verdicts()) {
                StringBuilder b = new StringBuilder();
                b.append(o.clip().file().getFileName()).append('\t').append(o.clip().expected()).append('\t')
                        .append(o.clip().group()).append('\t').append(o.clip().heldOut()).append('\t')
                        .append(v.text()).append('\t').append(v.intent()).append('\t').append(v.outOfGrammar())
                        .append('\t').append(String.format(Locale.ROOT, "%.3f", v.confidence())).append('\t')
                        .append(v.accepted()).append('\t').append(v.reason());
                for (double x : v.inputs()) {
                    b.append('\t').append(String.format(Locale.ROOT, "%.4f", x));
                }
                b.append('\t').append(String.format(Locale.ROOT, "%.1f", v.features().highBandDb()));
                lines.add(b.toString());
            }
        }
        Files.write(file, lines);
    }

    static long peakRssMb() {
        long kb = Processes.peakRssKb(ProcessHandle.current().pid());
        return kb < 0 ? -1 : kb / 1024;
    }
}
