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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.ConfidenceModel;
import org.handsfree.coach.listen.RecognizerSettings;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.session.Context;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.time.SampleTime;

/**
 * Runs the real recognizer over {@code shared/eval} and prints, for the tuning and the held-out part
 * of each set apart: intent accuracy (wideband and narrowband apart; right, rejected, wrong), false
 * accepts per kind of sound, and commands mixed over real noise, pink noise and babble at 20 and 10 dB;
 * then the real-time factor, the time until the recognizer is ready, and peak memory. {@code --dump}
 * writes every verdict with its inputs.
 *
 * <p>Each clip is decoded once, with the search graph every context shares (its other contexts' phrases
 * are decoys there), and its outcome is counted in every {@link Listening}: "all phrases" (as
 * {@code ./coach recognize} without a context), each real context (coaching, confirm, number: a stretch
 * counts when its phrase is one of that context's, as the live stream's {@code listenFor} decides),
 * "own context" (a command in its own context, the first of coaching, confirm and number that holds its
 * intent; a non-command in coaching, where the coach spends its time), and coaching in addressed mode
 * ("coach" must come first; counted for non-commands, as the command clips carry no address word).
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

    /**
     * One way of listening: a context of the grammar (null: every phrase), or each command's own context
     * ({@code own}), and whether the address word must come first.
     */
    record Listening(String name, Context context, boolean own, boolean addressed) {
    }

    static final Listening ALL = new Listening("all phrases", null, false, false);
    static final Listening OWN = new Listening("own context", null, true, false);
    static final Listening ADDRESSED = new Listening("coaching, addressed", Context.COACHING, false, true);
    static final List<Listening> CONTEXTS = List.of(ALL, OWN, new Listening("coaching", Context.COACHING, false, false),
            new Listening("confirm", Context.CONFIRM, false, false), new Listening("number", Context.NUMBER, false, false),
            ADDRESSED);

    /** The grammar the benchmark decodes with: the built-in one numbered for a routine of this many steps. */
    static final int STEPS = 12;

    /** Which intents each context of {@code grammar} can act on, to find a command's own context. */
    static Map<Context, Set<String>> intentsByContext(CommandGrammar grammar) {
        Map<Context, Set<String>> m = new EnumMap<>(Context.class);
        for (Context c : Context.values()) {
            m.put(c, grammar.phrases(c).values().stream().map(Intent::toString).collect(Collectors.toSet()));
        }
        return m;
    }

    /**
     * A command's own context: the first that can act on its intent; coaching for a non-command; null for a
     * command no context acts on (a "zero": no step has that number).
     */
    static Context ownContext(String expected, Map<Context, Set<String>> intents) {
        if (expected.isEmpty()) {
            return Context.COACHING;
        }
        for (Context c : Context.values()) {
            if (intents.get(c).contains(expected)) {
                return c;
            }
        }
        return null;
    }

    /** What one decode means in every way of listening. */
    record Judge(CommandGrammar grammar, double threshold, Map<Context, Set<String>> intents, double minSnrDb,
                 RecognizerSettings.CryRule cry) {
        /** A cry rule that takes nothing for a cry. */
        static final RecognizerSettings.CryRule NO_CRY = new RecognizerSettings.CryRule(Double.POSITIVE_INFINITY, 0, 0);

        Judge(CommandGrammar grammar, double threshold, Map<Context, Set<String>> intents) {
            this(grammar, threshold, intents, Double.NEGATIVE_INFINITY, NO_CRY);
        }

        /** Why {@code v} is not sure enough to act on (the recognizer's own rule), or null when it is. */
        String doubt(Verdict v) {
            return CommandRecognizer.doubt(v.confidence(), v.features(), threshold, cry, minSnrDb);
        }

        /** Whether {@code v} is sure enough to act on: not a cry, confident, and not too noisy. */
        boolean confident(Verdict v) {
            return doubt(v) == null;
        }

        /** The intent {@code v} acts on when listening as {@code l} for a clip of {@code expected}, or "". */
        String actsOn(Verdict v, Listening l, String expected) {
            if (!v.decoded() || v.outOfGrammar() || v.intent().isEmpty() || !confident(v)
                    || l.addressed() && v.reason().equals(NOT_ADDRESSED)) {
                return "";
            }
            Context c = l.own() ? ownContext(expected, intents) : l.context();
            if (c == null) {
                return l.own() ? "" : v.intent();
            }
            return grammar.intentOf(v.text(), c).map(Intent::toString).orElse("");
        }

        /** What became of {@code v} in a clip's own context: the intent acted on, or why not. */
        String describe(Verdict v, String expected) {
            if (!v.decoded() || v.outOfGrammar() || v.intent().isEmpty()) {
                return "(" + v.reason() + ")";
            }
            String acted = actsOn(v, OWN, expected);
            if (!acted.isEmpty()) {
                return acted;
            }
            String doubt = doubt(v);
            return "(" + v.intent() + (doubt == null ? ", not for now)"
                    : doubt.equals(CommandRecognizer.LOW_CONFIDENCE) ? ", low confidence)"
                    : doubt.equals(CommandRecognizer.A_CRY) ? ", a cry)" : ", too noisy)");
        }

        /** Whether a clip of {@code expected} counts when listening as {@code l}. */
        boolean counts(String expected, Listening l) {
            if (expected.isEmpty()) {
                return true;
            }
            if (l.addressed()) {
                return false;
            }
            if (l.own()) {
                return ownContext(expected, intents) != null;
            }
            return l.context() == null || intents.get(l.context()).contains(expected);
        }
    }

    /** The reason the recognizer gives a command said without the address word in addressed mode. */
    static final String NOT_ADDRESSED = "not addressed";

    /** One clip's outcome. */
    record Outcome(EvalSet.Clip clip, String label, List<Verdict> verdicts, Judge judge) {
        /** The intents acted on when listening as {@code l}. */
        List<String> accepted(Listening l) {
            return verdicts.stream().map(v -> judge.actsOn(v, l, clip.expected())).filter(i -> !i.isEmpty()).toList();
        }

        /** Whether the clip counts in {@code l}: a non-command always (but never in addressed mode's command count). */
        boolean counts(Listening l) {
            return judge.counts(clip.expected(), l);
        }

        /** 0 right (or nothing heard for a non-command), 1 rejected, 2 wrong (or a false accept). */
        int result(Listening l) {
            List<String> a = accepted(l);
            if (clip.expected().isEmpty()) {
                return a.isEmpty() ? 0 : 2;
            }
            if (a.isEmpty()) {
                return 1;
            }
            return a.stream().allMatch(i -> i.equals(clip.expected())) ? 0 : 2;
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
        out.println("each clip decoded once; its verdicts counted in every context (the graph is the same in all)");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long loadStart = System.nanoTime();
        List<Outcome> all = new ArrayList<>();
        double[] time = new double[3];
        CommandGrammar grammar = CommandGrammar.builtIn(STEPS);
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides, grammar, "coach")) {
            Judge judge = new Judge(grammar, recognizer.threshold(), intentsByContext(grammar),
                    recognizer.noise().minSnrDb(), recognizer.cryRule());
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            double readySeconds = (System.currentTimeMillis() - jvmStart) / 1000.0;
            out.printf(Locale.ROOT, "recognizer ready %.2f s after the process started (loading took %.2f s)%n",
                    readySeconds, loadSeconds);
            for (EvalSet set : sets) {
                List<Outcome> outcomes = new ArrayList<>();
                for (EvalSet.Clip clip : set.clips()) {
                    short[] pcm = read(clip.file());
                    if (pcm != null) {
                        outcomes.add(new Outcome(clip, set.name(), judge(recognizer, pcm, time), judge));
                    }
                }
                report(set.name(), outcomes);
                all.addAll(outcomes);
            }
            if (families.contains(NOISE)) {
                all.addAll(noise(recognizer, judge, eval, sets, time));
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
    private List<Outcome> noise(CommandRecognizer recognizer, Judge judge, Path eval, List<EvalSet> sets, double[] time)
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
                        judge(recognizer, mixed, settle, time), judge));
            }
        }
        out.printf(Locale.ROOT, "commands over noise (%d clips, each over one noise: %d real noises of real-more, "
                + "pink, babble of %d talkers), right / rejected / wrong:%n", outcomes.size() / SNRS.length,
                real.size(), talk.size());
        for (Listening c : List.of(ALL, OWN)) {
            for (int snr : SNRS) {
                for (String part : new String[] {"tuning", "held-out"}) {
                    List<Outcome> sel = outcomes.stream().filter(o -> o.counts(c) && o.label().startsWith(
                            NOISE + " " + snr + " dB") && part.equals("held-out") == o.clip().heldOut()).toList();
                    StringBuilder b = new StringBuilder(triple(sel, c));
                    for (String kind : new String[] {"real", "pink", "babble"}) {
                        b.append("; ").append(kind).append(' ').append(triple(sel.stream()
                                .filter(o -> o.label().endsWith(kind)).toList(), c));
                    }
                    out.printf(Locale.ROOT, "  %-19s %2d dB  %-8s %s%n", c.name(), snr, part, b);
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
        for (Listening c : CONTEXTS) {
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
                out.printf(Locale.ROOT, "  %-19s %-8s %s%n", c.name(), part, b);
            }
        }
        Map<String, List<Outcome>> groups = new TreeMap<>();
        outcomes.forEach(o -> groups.computeIfAbsent(o.clip().group() + (o.clip().heldOut() ? "*" : ""),
                k -> new ArrayList<>()).add(o));
        if (groups.size() > 1) {
            StringBuilder b = new StringBuilder();
            Listening full = ALL;
            groups.forEach((g, list) -> b.append(g).append(' ').append(commands ? percent(list, full)
                    : falseAccepts(list, full)).append("; "));
            out.println("  all phrases by " + (commands ? "voice/speaker/source" : "source") + " (* held out): " + b);
        }
        List<String> misses = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.result(OWN) != 0 && misses.size() < 10) {
                List<String> heard = o.verdicts().stream().map(v -> o.judge().describe(v, o.clip().expected())).toList();
                misses.add(o.clip().file().getFileName() + " -> " + heard);
            }
        }
        if (!misses.isEmpty()) {
            out.println("  first misses: " + String.join("; ", misses));
        }
    }

    /** The held-out numbers the targets are stated in, in one place. */
    private void summary(List<Outcome> all) {
        Listening coaching = OWN;
        Listening full = ALL;
        List<Outcome> held = all.stream().filter(o -> o.clip().heldOut()
                && !o.label().startsWith("synthetic") && !o.label().startsWith(NOISE)).toList();
        if (held.isEmpty()) {
            return;
        }
        out.println("held-out real speakers, against the targets:");
        List<Outcome> wide = held.stream().filter(o -> !o.clip().expected().isEmpty() && !o.clip().narrowband()).toList();
        List<Outcome> narrow = held.stream().filter(o -> !o.clip().expected().isEmpty() && o.clip().narrowband()).toList();
        out.printf(Locale.ROOT, "  commands, wideband: all phrases %s, own context %s (target 95%%)%n",
                percent(wide, full), percent(wide.stream().filter(o -> o.counts(coaching)).toList(), coaching));
        out.printf(Locale.ROOT, "  commands, narrowband: all phrases %s, own context %s (target 85%%)%n",
                percent(narrow, full), percent(narrow.stream().filter(o -> o.counts(coaching)).toList(), coaching));
        Map<String, List<Outcome>> kinds = new TreeMap<>();
        held.stream().filter(o -> o.clip().expected().isEmpty())
                .forEach(o -> kinds.computeIfAbsent(o.clip().kind(), k -> new ArrayList<>()).add(o));
        List<String> each = new ArrayList<>();
        kinds.forEach((k, list) -> each.add(k + " " + falseAccepts(list, coaching)));
        out.println("  false accepts in coaching: " + String.join(", ", each)
                + " (targets: cries, music, noise 0; single words 5%; conversation 2%)");
        List<Outcome> others = held.stream().filter(o -> o.clip().expected().isEmpty()).toList();
        out.println("  false accepts in coaching, addressed mode: " + falseAccepts(others, ADDRESSED)
                + " (target: at most 1 in 500)");
        for (int snr : SNRS) {
            List<Outcome> n = all.stream().filter(o -> o.clip().heldOut() && o.counts(coaching)
                    && o.label().startsWith(NOISE + " " + snr + " dB")).toList();
            if (!n.isEmpty()) {
                out.printf(Locale.ROOT, "  over noise at %d dB, own context: %s (target: %s)%n", snr, triple(n, coaching),
                        snr == 20 ? "90% right" : "at most 3% wrong");
            }
        }
    }

    private static String triple(List<Outcome> list, Listening c) {
        int[] n = new int[3];
        list.forEach(o -> n[o.result(c)]++);
        int total = Math.max(1, list.size());
        return String.format(Locale.ROOT, "%.1f%% / %.1f%% / %.1f%% of %d", 100.0 * n[0] / total, 100.0 * n[1] / total,
                100.0 * n[2] / total, list.size());
    }

    private static String percent(List<Outcome> list, Listening c) {
        long ok = list.stream().filter(o -> o.result(c) == 0).count();
        return String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * ok / Math.max(1, list.size()), ok, list.size());
    }

    private static String falseAccepts(List<Outcome> list, Listening c) {
        long fa = list.stream().filter(o -> o.result(c) != 0).count();
        return String.format(Locale.ROOT, "%d of %d", fa, list.size());
    }

    private static void dump(List<Outcome> all, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("set\tfile\texpected\tkind\tgroup\theldOut\tnarrowband\ttext\tintent\toog\tconfidence\taccepted\treason"
                + "\town\tcoaching\tconfirm\tnumber\t"
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
                        .append(v.accepted()).append('\t').append(v.reason()).append('\t')
                        .append(Optional.ofNullable(ownContext(c.expected(), o.judge().intents())).map(Context::wireName)
                                .orElse("none"));
                for (Context ctx : Context.values()) {
                    b.append('\t').append(o.judge().grammar().intentOf(v.text(), ctx).map(Intent::toString).orElse(""));
                }
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
