package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.ConfidenceModel;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.time.SampleTime;

/**
 * Runs the real recognizer over {@code shared/eval} and prints, for the tuning and the held-out part
 * of each set apart: intent accuracy (wideband and narrowband apart; right, rejected, wrong), false
 * accepts per kind of sound, and commands mixed over real noise, pink noise and babble at 20 and 10 dB;
 * then the real-time factor, the time until the recognizer is ready, and peak memory. {@code --dump}
 * writes every verdict with its inputs.
 *
 * <p>Each outcome is counted in every {@link Context}: "all phrases" (the whole grammar, as
 * {@code ./coach recognize} without a context) and "coaching*", an approximation of the coaching
 * context until the recognizer decodes with a context's own grammar: the full grammar decodes, and a
 * bare number, "yes" or "no" heard counts as nothing (command clips of those intents are left out).
 */
public final class RecognitionBenchmark {
    /** SNRs of the noise mixes, in dB below the voice. */
    static final int[] SNRS = {20, 10};
    static final String NOISE = "noise";
    /** Every set {@code --sets} can name. */
    public static final List<String> FAMILIES = List.of("synthetic", "real-dev", "real-more", "real-more-commands",
            "real-more-noncommands", "fsdd", NOISE);

    private final PrintWriter out;

    public RecognitionBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** What a context listens for: the intents it can act on. */
    record Context(String name, Predicate<String> allows) {
    }

    static final List<Context> CONTEXTS = List.of(new Context("all phrases", i -> true),
            new Context("coaching*", i -> !i.startsWith("number:") && !i.equals("yes") && !i.equals("no")));

    /** One clip's outcome. */
    record Outcome(EvalSet.Clip clip, String label, List<Verdict> verdicts) {
        /** The accepted verdicts that {@code c} acts on. */
        List<Verdict> accepted(Context c) {
            return verdicts.stream().filter(v -> v.accepted() && c.allows().test(v.intent())).toList();
        }

        /** Whether the clip counts in {@code c}: a non-command always, a command when {@code c} takes its intent. */
        boolean counts(Context c) {
            return clip.expected().isEmpty() || c.allows().test(clip.expected());
        }

        /** 0 right (or nothing heard for a non-command), 1 rejected, 2 wrong (or a false accept). */
        int result(Context c) {
            List<Verdict> a = accepted(c);
            if (clip.expected().isEmpty()) {
                return a.isEmpty() ? 0 : 2;
            }
            if (a.isEmpty()) {
                return 1;
            }
            return a.stream().allMatch(v -> v.intent().equals(clip.expected())) ? 0 : 2;
        }
    }

    /**
     * @param families which sets: synthetic, real-dev, real-more, fsdd, noise (the real commands over noise)
     * @param every 1 for every clip, 4 for a quick run over every 4th
     */
    public int run(Path eval, Path dump, Map<String, String> overrides, List<String> families, int every)
            throws IOException {
        List<String> notes = new ArrayList<>();
        List<EvalSet> sets = EvalSet.load(eval, families, every, notes);
        notes.forEach(n -> out.println("note: " + n));
        if (sets.isEmpty()) {
            out.println("recognition: no eval set at " + eval + " (expected commands/, real-dev/, real-more/, fsdd/)");
            return 2;
        }
        if (every > 1) {
            out.println("quick run: every " + every + "th clip of each set");
        }
        out.println("coaching* = the full grammar with a bare number, yes and no heard as nothing "
                + "(the recognizer has no contexts yet)");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long loadStart = System.nanoTime();
        List<Outcome> all = new ArrayList<>();
        double[] time = new double[3];
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides)) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            double readySeconds = (System.currentTimeMillis() - jvmStart) / 1000.0;
            out.printf(Locale.ROOT, "recognizer ready %.2f s after the process started (loading took %.2f s)%n",
                    readySeconds, loadSeconds);
            for (EvalSet set : sets) {
                List<Outcome> outcomes = new ArrayList<>();
                for (EvalSet.Clip clip : set.clips()) {
                    short[] pcm = read(clip.file());
                    if (pcm != null) {
                        outcomes.add(new Outcome(clip, set.name(), judge(recognizer, pcm, time)));
                    }
                }
                report(set.name(), outcomes);
                all.addAll(outcomes);
            }
            if (families.contains(NOISE)) {
                all.addAll(noise(recognizer, eval, sets, time));
            }
        }
        summary(all);
        // The wall clock also counts whatever else the machine did meanwhile (the JIT compiler, other
        // processes); the decoding thread's CPU time is the decoder's own cost.
        out.printf(Locale.ROOT, "speed: %.1f s of audio decoded in %.1f s: real-time factor %.3f "
                + "(the decoding thread's CPU time: %.1f s, %.3f)%n", time[0], time[1], time[1] / time[0], time[2],
                time[2] / time[0]);
        out.printf(Locale.ROOT, "memory: peak RSS %d MB, heap max %d MB%n", peakRssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
        if (dump != null) {
            dump(all, dump);
            out.println("verdicts written to " + dump);
        }
        return 0;
    }

    private short[] read(Path file) {
        try {
            return WavReader.read(file);
        } catch (BadAudioException e) {
            out.println("  skipped: " + e.getMessage());
            return null;
        }
    }

    private static List<Verdict> judge(CommandRecognizer recognizer, short[] pcm, double[] time) {
        return judge(recognizer, pcm, 0, time);
    }

    private static List<Verdict> judge(CommandRecognizer recognizer, short[] pcm, int settle, double[] time) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        List<Verdict> verdicts = recognizer.judgeAll(pcm, null, settle);
        time[0] += (pcm.length - settle) / (double) SampleTime.RATE;
        time[1] += (System.nanoTime() - t) / 1e9;
        time[2] += (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        return verdicts;
    }

    /**
     * The real command clips of {@code sets} (FSDD's many takes aside), each over one noise (real noise from
     * real-more, pink noise and babble in turn) at every SNR.
     */
    private List<Outcome> noise(CommandRecognizer recognizer, Path eval, List<EvalSet> sets, double[] time)
            throws IOException {
        List<EvalSet.Clip> commands = new ArrayList<>();
        sets.stream().filter(s -> s.name().startsWith("real-") && s.name().endsWith("commands")
                || s.name().equals("real-dev digits")).forEach(s -> s.clips().stream()
                .filter(c -> !c.expected().isEmpty()).forEach(commands::add));
        Path more = eval.resolve("real-more/noncommands");
        Map<String, float[]> noises = new LinkedHashMap<>();
        List<short[]> talk = new ArrayList<>();
        for (String[] row : EvalSet.manifest(more.resolve("manifest.tsv")).values()) {
            short[] pcm = row[0].startsWith("noise_misc") || row[0].startsWith("speech_conversational")
                    ? read(more.resolve(row[0])) : null;
            if (pcm != null && row[0].startsWith("noise_misc") && pcm.length > SampleTime.RATE) {
                noises.put(row[0].replace(".wav", ""), NoiseMix.toFloat(pcm));
            } else if (pcm != null && talk.size() < 6 && pcm.length >= 8 * SampleTime.RATE) {
                talk.add(pcm);
            }
        }
        if (commands.isEmpty() || noises.isEmpty() || talk.isEmpty()) {
            out.println("note: commands over noise need real-more (its noises and talk) and real commands: skipped");
            return List.of();
        }
        List<String> real = new ArrayList<>(noises.keySet());
        float[] pink = NoiseMix.pink(10, 7);
        float[] babble = NoiseMix.babble(talk);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            EvalSet.Clip clip = commands.get(i);
            short[] voice = read(clip.file());
            if (voice == null) {
                continue;
            }
            String kind = switch (i % 3) {
                case 0 -> "real";
                case 1 -> "pink";
                default -> "babble";
            };
            float[] noise = switch (kind) {
                case "real" -> noises.get(real.get((i / 3) % real.size()));
                case "pink" -> pink;
                default -> babble;
            };
            for (int snr : SNRS) {
                short[] mixed = NoiseMix.mix(voice, noise, (i * 7919) % noise.length, snr);
                // The voice starts a little after the settling time; the lead-in's last 0.3 s is judged like any room.
                int settle = (int) ((NoiseMix.LEAD_SECONDS - 0.3) * SampleTime.RATE);
                outcomes.add(new Outcome(clip, NOISE + " " + snr + " dB " + kind,
                        judge(recognizer, mixed, settle, time)));
            }
        }
        out.printf(Locale.ROOT, "commands over noise (%d clips, each over one noise: %d real noises of real-more, "
                + "pink, babble of %d talkers), right / rejected / wrong:%n", outcomes.size() / SNRS.length,
                real.size(), talk.size());
        for (Context c : CONTEXTS) {
            for (int snr : SNRS) {
                for (String part : new String[] {"tuning", "held-out"}) {
                    List<Outcome> sel = outcomes.stream().filter(o -> o.counts(c) && o.label().startsWith(
                            NOISE + " " + snr + " dB") && part.equals("held-out") == o.clip().heldOut()).toList();
                    StringBuilder b = new StringBuilder(triple(sel, c));
                    for (String kind : new String[] {"real", "pink", "babble"}) {
                        b.append("; ").append(kind).append(' ').append(triple(sel.stream()
                                .filter(o -> o.label().endsWith(kind)).toList(), c));
                    }
                    out.printf(Locale.ROOT, "  %-11s %2d dB  %-8s %s%n", c.name(), snr, part, b);
                }
            }
        }
        return outcomes;
    }

    private void report(String name, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        boolean commands = !outcomes.get(0).clip().expected().isEmpty();
        out.printf(Locale.ROOT, "%s (%d clips): %s%n", name, outcomes.size(),
                commands ? "intent accuracy (right / rejected / wrong)" : "false accepts by kind");
        for (Context c : CONTEXTS) {
            for (String part : new String[] {"tuning", "held-out"}) {
                List<Outcome> sel = outcomes.stream().filter(o -> o.counts(c)
                        && part.equals("held-out") == o.clip().heldOut()).toList();
                if (sel.isEmpty()) {
                    continue;
                }
                StringBuilder b = new StringBuilder();
                if (commands) {
                    b.append(triple(sel, c));
                    for (boolean narrow : new boolean[] {false, true}) {
                        List<Outcome> ch = sel.stream().filter(o -> o.clip().narrowband() == narrow).toList();
                        if (!ch.isEmpty() && ch.size() < sel.size()) {
                            b.append("; ").append(narrow ? "narrowband " : "wideband ").append(triple(ch, c));
                        }
                    }
                } else {
                    b.append(falseAccepts(sel, c)).append(" (");
                    Map<String, List<Outcome>> kinds = new TreeMap<>();
                    sel.forEach(o -> kinds.computeIfAbsent(o.clip().kind(), k -> new ArrayList<>()).add(o));
                    List<String> each = new ArrayList<>();
                    kinds.forEach((k, list) -> each.add(k + " " + falseAccepts(list, c)));
                    b.append(String.join(", ", each)).append(')');
                }
                out.printf(Locale.ROOT, "  %-11s %-8s %s%n", c.name(), part, b);
            }
        }
        Map<String, List<Outcome>> groups = new TreeMap<>();
        outcomes.forEach(o -> groups.computeIfAbsent(o.clip().group() + (o.clip().heldOut() ? "*" : ""),
                k -> new ArrayList<>()).add(o));
        if (groups.size() > 1) {
            StringBuilder b = new StringBuilder();
            Context full = CONTEXTS.get(0);
            groups.forEach((g, list) -> b.append(g).append(' ').append(commands ? percent(list, full)
                    : falseAccepts(list, full)).append("; "));
            out.println("  all phrases by " + (commands ? "voice/speaker/source" : "source") + " (* held out): " + b);
        }
        List<String> misses = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.result(CONTEXTS.get(0)) != 0 && misses.size() < 10) {
                List<String> heard = o.verdicts().stream().map(v -> v.accepted() ? v.intent() : "(" + v.reason() + ")")
                        .toList();
                misses.add(o.clip().file().getFileName() + " -> " + heard);
            }
        }
        if (!misses.isEmpty()) {
            out.println("  first misses: " + String.join("; ", misses));
        }
    }

    /** The held-out numbers the targets are stated in, in one place. */
    private void summary(List<Outcome> all) {
        Context coaching = CONTEXTS.get(1);
        Context full = CONTEXTS.get(0);
        List<Outcome> held = all.stream().filter(o -> o.clip().heldOut()
                && !o.label().startsWith("synthetic") && !o.label().startsWith(NOISE)).toList();
        if (held.isEmpty()) {
            return;
        }
        out.println("held-out real speakers, against the targets:");
        List<Outcome> wide = held.stream().filter(o -> !o.clip().expected().isEmpty() && !o.clip().narrowband()).toList();
        List<Outcome> narrow = held.stream().filter(o -> !o.clip().expected().isEmpty() && o.clip().narrowband()).toList();
        out.printf(Locale.ROOT, "  commands, wideband: all phrases %s, coaching* %s (target 95%%)%n",
                percent(wide, full), percent(wide.stream().filter(o -> o.counts(coaching)).toList(), coaching));
        out.printf(Locale.ROOT, "  commands, narrowband: all phrases %s, coaching* %s (target 85%%)%n",
                percent(narrow, full), percent(narrow.stream().filter(o -> o.counts(coaching)).toList(), coaching));
        Map<String, List<Outcome>> kinds = new TreeMap<>();
        held.stream().filter(o -> o.clip().expected().isEmpty())
                .forEach(o -> kinds.computeIfAbsent(o.clip().kind(), k -> new ArrayList<>()).add(o));
        List<String> each = new ArrayList<>();
        kinds.forEach((k, list) -> each.add(k + " " + falseAccepts(list, coaching)));
        out.println("  false accepts in coaching*: " + String.join(", ", each)
                + " (targets: cries, music, noise 0; single words 5%; conversation 2%)");
        for (int snr : SNRS) {
            List<Outcome> n = all.stream().filter(o -> o.clip().heldOut() && o.counts(coaching)
                    && o.label().startsWith(NOISE + " " + snr + " dB")).toList();
            if (!n.isEmpty()) {
                out.printf(Locale.ROOT, "  over noise at %d dB, coaching*: %s (target: %s)%n", snr, triple(n, coaching),
                        snr == 20 ? "90% right" : "at most 3% wrong");
            }
        }
    }

    private static String triple(List<Outcome> list, Context c) {
        int[] n = new int[3];
        list.forEach(o -> n[o.result(c)]++);
        int total = Math.max(1, list.size());
        return String.format(Locale.ROOT, "%.1f%% / %.1f%% / %.1f%% of %d", 100.0 * n[0] / total, 100.0 * n[1] / total,
                100.0 * n[2] / total, list.size());
    }

    private static String percent(List<Outcome> list, Context c) {
        long ok = list.stream().filter(o -> o.result(c) == 0).count();
        return String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * ok / Math.max(1, list.size()), ok, list.size());
    }

    private static String falseAccepts(List<Outcome> list, Context c) {
        long fa = list.stream().filter(o -> o.result(c) != 0).count();
        return String.format(Locale.ROOT, "%d of %d", fa, list.size());
    }

    private static void dump(List<Outcome> all, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("set\tfile\texpected\tkind\tgroup\theldOut\tnarrowband\ttext\tintent\toog\tconfidence\taccepted\treason\t"
                + String.join("\t", ConfidenceModel.FEATURES));
        for (Outcome o : all) {
            for (Verdict v : o.verdicts()) {
                StringBuilder b = new StringBuilder();
                EvalSet.Clip c = o.clip();
                b.append(o.label()).append('\t').append(c.file().getFileName()).append('\t').append(c.expected())
                        .append('\t').append(c.kind()).append('\t').append(c.group()).append('\t').append(c.heldOut())
                        .append('\t').append(c.narrowband()).append('\t').append(v.text()).append('\t')
                        .append(v.intent()).append('\t').append(v.outOfGrammar()).append('\t')
                        .append(String.format(Locale.ROOT, "%.3f", v.confidence())).append('\t')
                        .append(v.accepted()).append('\t').append(v.reason());
                for (double x : v.inputs()) {
                    b.append('\t').append(String.format(Locale.ROOT, "%.4f", x));
                }
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
