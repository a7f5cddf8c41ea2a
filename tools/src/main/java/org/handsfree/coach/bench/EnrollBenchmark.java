package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.handsfree.coach.audio.BadAudioException;
import org.handsfree.coach.audio.WavReader;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.Enrolment;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.listen.Verdict;
import org.handsfree.coach.listen.VoiceProfile;

/**
 * {@code bench enroll}: for each real FSDD speaker, a profile from the first few takes of each digit,
 * tested on that speaker's next takes, without a profile and with one per technique; then each
 * speaker's standard profile on the other speakers, and on real non-commands (false accepts).
 */
public final class EnrollBenchmark {
    private static final List<String> TUNING = List.of("george", "jackson", "lucas");
    private static final Pattern FSDD = Pattern.compile("(\\d)_([a-z]+)_(\\d+)\\.wav");

    private final PrintWriter out;

    public EnrollBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** A clip and the intent it should be heard as ("" for none); {@code pcm} null: read from the file when heard. */
    record Clip(Path file, short[] pcm, String intent) {
    }

    /** The clip's audio; a non-command's is read each time it is heard, so a thousand of them need no heap. */
    private short[] audio(Clip c) {
        if (c.pcm() != null) {
            return c.pcm();
        }
        short[] pcm = read(c.file());
        return pcm == null ? new short[0] : pcm;
    }

    /** Where each stretch's verdicts with and without the profile go (null: nowhere), for fitting the fit margin. */
    private PrintWriter dump;
    /** Each clip's verdicts without a profile: the same for every profile tried on it. */
    private final Map<Clip, List<Verdict>> plain = new java.util.IdentityHashMap<>();

    /** Takes of each digit heard "in use" after the test takes, or before them ({@link #useFirst}); 0: not measured. */
    private int useTakes;

    /** Whether the takes heard in use come before the test takes (true) or after them. */
    private boolean useFirst;

    /**
     * Learning in use is measured with {@code takes} of each digit (0: not measured); with {@code first} they are those
     * right after the enrolment's, and the test takes follow them.
     */
    public EnrollBenchmark hearingInUse(int takes, boolean first) {
        this.useTakes = takes;
        this.useFirst = first;
        return this;
    }

    /** Whether the user undoes every command heard wrongly in use, so that only those heard right are learned. */
    private boolean undoMisheard;

    /**
     * In use, the user says "undo" after every misheard command (the coach learns nothing from a command taken back):
     * the bound opposite to the default, where nobody undoes anything and every accepted command is learned.
     */
    public EnrollBenchmark undoingMisheard(boolean undo) {
        this.undoMisheard = undo;
        return this;
    }

    /** Whether an undone command is learned as the command it was (the user's correction). */
    private boolean relearnUndone;

    /**
     * With {@link #undoingMisheard}: each undone command is then learned as what the user meant, its stretch aligned
     * with that phrase (as if the coach took the command said right after the undo as the correction of the stretch).
     */
    public EnrollBenchmark relearningUndone(boolean relearn) {
        this.relearnUndone = relearn;
        return this;
    }

    /** Extra enrolment takes of some digits (digit -> takes), in digit order for the printout. */
    private SortedMap<Integer, Integer> moreTakes = new TreeMap<>();

    /**
     * Enrols more takes of the digits {@code more} names (digit -> how many beyond the run's {@code enrolTakes}), as the
     * guided enrolment asks "six" more often; that digit's takes in use and test takes then start that much later.
     */
    public EnrollBenchmark moreTakes(Map<Integer, Integer> more) {
        this.moreTakes = new TreeMap<>(more);
        return this;
    }

    public int run(Path eval, int enrolTakes, int testTakes, List<String> speakersWanted, int crossTakes, int nonEvery,
                   List<String> variantSpecs, Map<String, String> overrides, Path dumpFile) throws IOException {
        if (dumpFile != null) {
            dump = new PrintWriter(Files.newBufferedWriter(dumpFile));
            dump.println("profile\tpart\tspeaker\tclip\tstretch\texpected\tfit\twith\twithout\tdecided\theard\treason"
                    + "\ttemplates\tconfidence\tplainHeard\tplainReason\tplainConfidence\ttemplateRule");
        }
        try {
            return run(eval, enrolTakes, testTakes, speakersWanted, crossTakes, nonEvery, variantSpecs, overrides);
        } finally {
            if (dump != null) {
                dump.close();
            }
        }
    }

    private int run(Path eval, int enrolTakes, int testTakes, List<String> speakersWanted, int crossTakes, int nonEvery,
                   List<String> variantSpecs, Map<String, String> overrides) throws IOException {
        Path fsdd = eval.resolve("fsdd");
        if (!Files.isDirectory(fsdd)) {
            out.println("enroll: no FSDD takes at " + fsdd);
            return 2;
        }
        // speaker -> digit -> take number -> file
        Map<String, Map<Integer, TreeMap<Integer, Path>>> takes = new TreeMap<>();
        try (Stream<Path> s = Files.list(fsdd)) {
            for (Path p : s.toList()) {
                Matcher m = FSDD.matcher(p.getFileName().toString());
                if (m.matches()) {
                    takes.computeIfAbsent(m.group(2), k -> new TreeMap<>())
                            .computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>())
                            .put(Integer.parseInt(m.group(3)), p);
                }
            }
        }
        Enrolment.Options standard = Enrolment.Options.standard();
        List<Enrolment.Options> variants = variantSpecs.isEmpty() ? List.of(
                Enrolment.parse("mllr/lp=" + standard.mllrPrior()),
                Enrolment.parse("means/mp=" + standard.meanPrior() + "/r=" + standard.rounds()),
                Enrolment.parse("weights/wp=" + standard.weightPrior() + "/r=" + standard.rounds()),
                Enrolment.parse("means+weights/mp=" + standard.meanPrior() + "/wp=" + standard.weightPrior() + "/r="
                        + standard.rounds()),
                Enrolment.parse("mllr+means+weights/lp=" + standard.mllrPrior() + "/mp=" + standard.meanPrior() + "/wp="
                        + standard.weightPrior() + "/r=" + standard.rounds()))
                : variantSpecs.stream().map(EnrollBenchmark::withoutTemplates).map(Enrolment::parse).toList();
        // Which variants keep the user's takes as templates ("templates" in the spec: "means+weights+templates/mp=2").
        List<Boolean> templated = variantSpecs.isEmpty() ? variants.stream().map(v -> false).toList()
                : variantSpecs.stream().map(sp -> sp.split("/")[0].contains("templates")).toList();
        // Which variants add the user's own pronunciations ("+pron", margin "/pm=" in nats a frame).
        pronounced = variantSpecs.isEmpty() ? variants.stream().map(v -> Double.NaN).toList()
                : variantSpecs.stream().map(EnrollBenchmark::pronunciationMargin).toList();
        int standardAt = variants.indexOf(standard);
        if (standardAt < 0 || !variantSpecs.isEmpty()) {
            standardAt = variants.size() - 1;
            standard = variants.get(standardAt);
        }
        out.printf(Locale.ROOT, "enrol on the first %d takes of each digit%s, %stest on the next %d of each digit;"
                + " a clip is right when exactly one command is accepted and it is that digit%n", enrolTakes,
                moreTakes.entrySet().stream().map(e -> " (" + (enrolTakes + e.getValue()) + " of " + e.getKey() + ")")
                        .reduce("", String::concat),
                useFirst && useTakes > 0 ? "hear the next " + useTakes + " in use, " : "", testTakes);
        out.println("tuning speakers (settings were chosen on these): " + TUNING + "; the others are held out");
        Map<String, List<Clip>> tests = new LinkedHashMap<>();
        Map<String, VoiceProfile> profiles = new LinkedHashMap<>();
        Map<String, double[]> results = new LinkedHashMap<>();
        try (CommandRecognizer recognizer = CommandRecognizer.load(overrides)) {
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %-8s %7s", "speaker", "part", "none"));
            for (int v = 0; v < variants.size(); v++) {
                head.append(String.format(Locale.ROOT, " | %s", describe(v, variants.get(v), templated.get(v))));
            }
            out.println(head);
            for (Map.Entry<String, Map<Integer, TreeMap<Integer, Path>>> sp : takes.entrySet()) {
                String who = sp.getKey();
                if (!speakersWanted.isEmpty() && !speakersWanted.contains(who)) {
                    continue;
                }
                List<Enrolment.Take> enrol = new ArrayList<>();
                List<Clip> test = new ArrayList<>();
                List<Clip> inUse = new ArrayList<>();
                for (Map.Entry<Integer, TreeMap<Integer, Path>> d : sp.getValue().entrySet()) {
                    int i = 0;
                    int enrolHere = enrolTakes + moreTakes.getOrDefault(d.getKey(), 0);
                    for (Path p : d.getValue().values()) {
                        short[] pcm = read(p);
                        if (pcm == null) {
                            continue;
                        }
                        if (i < enrolHere) {
                            enrol.add(new Enrolment.Take(pcm, "number:" + d.getKey()));
                        } else {
                            // After the enrolment's: the test takes, then those heard in use, or the other way round.
                            int j = i - enrolHere;
                            int testFrom = useFirst ? useTakes : 0;
                            int useFrom = useFirst ? 0 : testTakes;
                            if (j >= testFrom && j < testFrom + testTakes) {
                                test.add(new Clip(p, pcm, "number:" + d.getKey()));
                            } else if (j >= useFrom && j < useFrom + useTakes) {
                                inUse.add(new Clip(p, pcm, "number:" + d.getKey()));
                            }
                        }
                        i++;
                    }
                }
                warnShort(who, sp.getValue().keySet(), test, testTakes, "tested");
                warnShort(who, sp.getValue().keySet(), inUse, useTakes, "heard in use");
                tests.put(who, test);
                recognizer.useProfile(null);
                double[] row = new double[variants.size() + 1];
                row[0] = timed(recognizer, test, 0);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-8s %6.1f%% (raw %.1f%%)", who,
                        TUNING.contains(who) ? "tuning" : "held-out", row[0], lastRaw));
                for (int v = 0; v < variants.size(); v++) {
                    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                    long t0 = System.nanoTime();
                    long c0 = cpu.getCurrentThreadCpuTime();
                    VoiceProfile profile = Enrolment.build(recognizer, enrol, variants.get(v));
                    if (!templated.get(v)) {
                        profile = profile.withTemplates(org.handsfree.coach.listen.Templates.none());
                    }
                    double pronCpu = Double.NaN;
                    if (!Double.isNaN(pronounced.get(v))) {
                        long p0 = cpu.getCurrentThreadCpuTime();
                        profile = profile.withPronunciations(org.handsfree.coach.listen.Pronunciations.find(recognizer,
                                enrol, profile, pronounced.get(v), found -> out.println("  " + who + ", " + found)));
                        pronCpu = (cpu.getCurrentThreadCpuTime() - p0) / 1e9;
                    }
                    double build = (System.nanoTime() - t0) / 1e9;
                    double buildCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                    recognizer.useProfile(null);
                    Path file = Files.createTempFile("bench-enroll", ".profile");
                    try {
                        profile.write(file);
                        long l0 = System.nanoTime();
                        VoiceProfile loaded = VoiceProfile.read(file);
                        long l1 = System.nanoTime();
                        recognizer.useProfile(loaded);
                        long l2 = System.nanoTime();
                        out.printf(Locale.ROOT, "  %s, %s: built in %.1f s CPU (%.1f s wall); the %d-byte file loads in"
                                + " %.1f ms and is put in place in %.1f ms%n", who, describe(v, variants.get(v), templated.get(v)), buildCpu,
                                build, Files.size(file), (l1 - l0) / 1e6, (l2 - l1) / 1e6);
                        if (!Double.isNaN(pronCpu)) {
                            double[] compile = recognizer.awaitPronunciations();
                            out.printf(Locale.ROOT, "  %s, own pronunciations: %d words, found in %.2f s CPU; the grammar"
                                    + " compiled with them on its own thread in %.0f ms (%.0f ms CPU), ready %.0f ms after"
                                    + " the profile was put in place%n", who, loaded.pronunciations().size(), pronCpu,
                                    compile[0], compile[1], (System.nanoTime() - l2) / 1e6);
                        }
                    } finally {
                        Files.deleteIfExists(file);
                    }
                    dumping = v == standardAt ? new String[] {who, "own", who} : null;
                    row[v + 1] = dumping != null ? timed(recognizer, test, 1) : accuracy(recognizer, test);
                    dumping = null;
                    line.append(String.format(Locale.ROOT, " | %5.1f%% (raw %.1f%%; %d of %d takes, %.1f s%s)", row[v + 1],
                            lastRaw, Enrolment.lastUsed(), enrol.size(), build, dumping != null || v == standardAt ? lastRuled : ""));
                    lastRuled = "";
                    if (v == standardAt) {
                        profiles.put(who, profile);
                    }
                }
                recognizer.useProfile(null);
                results.put(who, row);
                out.println(line);
                if (!inUse.isEmpty() && profiles.containsKey(who)) {
                    inUse(recognizer, who, profiles.get(who), inUse, test, row[row.length - 1]);
                }
                out.flush();
            }
            for (String part : List.of("tuning", "held-out")) {
                double[] mean = new double[variants.size() + 1];
                int n = 0;
                for (Map.Entry<String, double[]> e : results.entrySet()) {
                    if (TUNING.contains(e.getKey()) == part.equals("tuning")) {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += e.getValue()[i];
                        }
                        n++;
                    }
                }
                if (n > 0) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-8s %6.1f%%", "mean", part,
                            mean[0] / n));
                    for (int i = 1; i < mean.length; i++) {
                        line.append(String.format(Locale.ROOT, " | %5.1f%%", mean[i] / n));
                    }
                    out.println(line);
                }
            }
            for (String part : List.of("tuning", "held-out")) {
                double b = 0;
                double a = 0;
                int n = 0;
                for (Map.Entry<String, double[]> e : inUseResults.entrySet()) {
                    if (TUNING.contains(e.getKey()) == part.equals("tuning")) {
                        b += e.getValue()[0];
                        a += e.getValue()[1];
                        n++;
                    }
                }
                if (n > 0) {
                    out.printf(Locale.ROOT, "mean       %-8s learning in use (%d takes of each digit): %.1f%% -> %.1f%%%n", part,
                            useTakes, b / n, a / n);
                }
            }
            // --cross 0: no profile is tried on other voices.
            if (crossTakes > 0) {
                out.println();
                out.println("the standard profile (" + describe(standardAt, standard, templated.get(standardAt)) + ") of one speaker on the others' test takes"
                        + " (the first " + crossTakes + " of each digit): change against no profile, in points");
                Map<String, Double> crossSum = new TreeMap<>();
                Map<String, Integer> crossN = new TreeMap<>();
                Map<String, Double> crossWorst = new TreeMap<>();
                for (Map.Entry<String, VoiceProfile> owner : profiles.entrySet()) {
                    String part = TUNING.contains(owner.getKey()) ? "tuning" : "held-out";
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s on", owner.getKey()));
                    for (Map.Entry<String, List<Clip>> other : tests.entrySet()) {
                        if (other.getKey().equals(owner.getKey())) {
                            continue;
                        }
                        List<Clip> some = other.getValue().stream().filter(c -> index(other.getValue(), c) < crossTakes).toList();
                        recognizer.useProfile(null);
                        double without = accuracy(recognizer, some);
                        recognizer.useProfile(owner.getValue());
                        recognizer.awaitPronunciations();
                        dumping = new String[] {owner.getKey(), "other", other.getKey()};
                        double with = timed(recognizer, some, 2);
                        dumping = null;
                        if (!lastRuled.isEmpty()) {
                            line.append(" (").append(lastRuled.substring(2)).append(')');
                            lastRuled = "";
                        }
                        crossSum.merge(part, with - without, Double::sum);
                        crossN.merge(part, 1, Integer::sum);
                        crossWorst.merge(part, with - without, Math::min);
                        line.append(String.format(Locale.ROOT, "  %s %+.1f", other.getKey(), with - without));
                    }
                    recognizer.useProfile(null);
                    out.println(line);
                    out.flush();
                }
                for (String part : crossSum.keySet()) {
                    out.printf(Locale.ROOT, "  profiles of the %s part on the others: mean %+.1f points, worst %+.1f%n", part,
                            crossSum.get(part) / crossN.get(part), crossWorst.get(part));
                }
            }
            out.printf(Locale.ROOT, "  CPU per clip: no profile %.0f ms (%d clips); with the profile, on its own voice %.0f ms"
                    + " (%d), on other voices %.0f ms (%d)%n", cpu[0] / 1e6 / Math.max(1, cpuClips[0]), cpuClips[0],
                    cpu[1] / 1e6 / Math.max(1, cpuClips[1]), cpuClips[1], cpu[2] / 1e6 / Math.max(1, cpuClips[2]), cpuClips[2]);
            out.println();
            List<Clip> non = nonCommands(eval, nonEvery);
            out.printf(Locale.ROOT, "real non-commands: %d clips (real-dev/noncommands, and every %dth of real-more/noncommands);"
                    + " clips with a command accepted%n", non.size(), nonEvery);
            recognizer.useProfile(null);
            out.printf(Locale.ROOT, "  no profile: %d%n", falseAccepts(recognizer, non));
            for (Map.Entry<String, VoiceProfile> owner : profiles.entrySet()) {
                recognizer.useProfile(owner.getValue());
                recognizer.awaitPronunciations();
                dumping = new String[] {owner.getKey(), "non", ""};
                nonRuled = 0;
                int fa = falseAccepts(recognizer, non);
                out.printf(Locale.ROOT, "  %s's profile: %d (stretches the user's takes acted on: %d)%n", owner.getKey(), fa,
                        nonRuled);
                dumping = null;
                out.flush();
            }
        }
        return 0;
    }

    /**
     * Learning in use: the speaker's profile hears {@code inUse} as a coaching session would, each command it
     * decided and accepted (right or not: in use nobody knows) adds its statistics, and the profile re-estimated
     * from them is tested on the same test takes again.
     */
    private void inUse(CommandRecognizer recognizer, String who, VoiceProfile profile, List<Clip> inUse, List<Clip> test,
                       double before) {
        recognizer.useProfile(profile);
        org.handsfree.coach.listen.LearnedStats[] got = {null};
        // What the clip being heard taught; added once its verdicts are known (a misheard clip's may be undone).
        List<org.handsfree.coach.listen.LearnedStats> clipStats = new ArrayList<>();
        recognizer.learnInto((start, end, stats) -> clipStats.add(stats));
        int wrong = 0;
        int relearned = 0;
        try {
            for (Clip c : inUse) {
                clipStats.clear();
                boolean misheard = false;
                for (Verdict v : recognizer.judgeAll(c.pcm())) {
                    if (v.accepted() && v.withProfile() && !v.intent().equals(c.intent())) {
                        misheard = true;
                        wrong++;
                    }
                }
                if (misheard && undoMisheard) {
                    clipStats.clear();
                    org.handsfree.coach.listen.LearnedStats meant = relearnUndone
                            ? recognizer.learnedAs(c.pcm(), c.intent(), Enrolment.Options.standard().beam()) : null;
                    if (meant == null) {
                        continue;
                    }
                    relearned++;
                    clipStats.add(meant);
                }
                for (org.handsfree.coach.listen.LearnedStats stats : clipStats) {
                    if (got[0] == null) {
                        got[0] = stats;
                    } else {
                        got[0].addAll(stats);
                    }
                }
            }
        } finally {
            recognizer.learnInto(null);
        }
        VoiceProfile used = got[0] == null ? profile : recognizer.learned(profile, got[0]);
        recognizer.useProfile(used);
        // The test again, dumped as the part "learned" (its rows before learning are "own").
        dumping = new String[] {who, "learned", who};
        double after = accuracy(recognizer, test);
        dumping = null;
        recognizer.useProfile(null);
        inUseResults.put(who, new double[] {before, after});
        // Commands learned: the stretches whose statistics went in (an undone one's did not; a relearned one's did).
        out.printf(Locale.ROOT, "  %s, learning in use: %d commands learned from %d takes (%d misheard%s), %.1f s"
                + " of speech; test %.1f%% -> %.1f%%%n", who, got[0] == null ? 0 : got[0].stretches(), inUse.size(),
                wrong, undoMisheard ? relearnUndone ? ", undone; " + relearned + " learned as what was meant"
                        : ", undone and not learned" : "", got[0] == null ? 0 : got[0].frames() / 100.0, before, after);
    }

    /** Per speaker: the test before and after learning in use. */
    private final Map<String, double[]> inUseResults = new LinkedHashMap<>();

    private static int index(List<Clip> all, Clip c) {
        // The clip's place among its digit's test takes.
        int i = 0;
        for (Clip o : all) {
            if (o == c) {
                return i;
            }
            i = o.intent().equals(c.intent()) ? i + 1 : i;
        }
        return i;
    }

    private List<Clip> nonCommands(Path eval, int every) throws IOException {
        List<Clip> out = new ArrayList<>();
        for (String set : List.of("real-dev/noncommands", "real-more/noncommands")) {
            Path dir = eval.resolve(set);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> wavs;
            try (Stream<Path> s = Files.list(dir)) {
                wavs = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            }
            for (int i = 0; i < wavs.size(); i += set.startsWith("real-more") ? every : 1) {
                out.add(new Clip(wavs.get(i), null, ""));
            }
        }
        return out;
    }

    private short[] read(Path p) {
        try {
            return WavReader.read(p);
        } catch (BadAudioException e) {
            out.println("  skipped: " + e.getMessage());
            return null;
        }
    }

    static boolean right(List<Hearing> heard, String intent) {
        List<Utterance> accepted = heard.stream().filter(h -> h instanceof Utterance).map(h -> (Utterance) h).toList();
        return accepted.size() == 1 && accepted.get(0).intent().toString().equals(intent);
    }

    /** Share of clips right, in %; {@link #lastRaw}: the share whose longest stretch decoded to the digit, whatever its confidence. */
    private double accuracy(CommandRecognizer recognizer, List<Clip> clips) {
        int ok = 0;
        int raw = 0;
        for (Clip c : clips) {
            List<Verdict> verdicts = judge(recognizer, c);
            verdicts.forEach(v -> {
                if (!v.templateRule().isEmpty()) {
                    ruled.merge(v.templateRule().split(" ")[0], 1, Integer::sum);
                }
            });
            ok += right(verdicts.stream().map(v -> v.accepted() ? (Hearing) new Utterance(v.text(),
                    org.handsfree.coach.session.Intent.parse(v.intent()), v.confidence(), v.start(), v.end())
                    : new org.handsfree.coach.listen.Rejection(v.start(), v.end())).toList(), c.intent()) ? 1 : 0;
            raw += verdicts.stream().max(java.util.Comparator.comparingLong(v -> v.end() - v.start()))
                    .map(v -> v.intent().equals(c.intent())).orElse(false) ? 1 : 0;
        }
        lastRaw = clips.isEmpty() ? Double.NaN : 100.0 * raw / clips.size();
        return clips.isEmpty() ? Double.NaN : 100.0 * ok / clips.size();
    }

    /** What the user's takes did to the verdicts of the last {@link #timed} clips, by kind, and as words. */
    private final Map<String, Integer> ruled = new TreeMap<>();
    private String lastRuled = "";
    private long nonRuled;

    /** Thread CPU (ns) and clips: no profile, a profile on its own voice, on other voices. */
    private final long[] cpu = new long[3];
    private final int[] cpuClips = new int[3];

    /** {@link #accuracy}, its thread CPU added to {@code cpu[kind]} (what the dump adds is not counted). */
    private double timed(CommandRecognizer recognizer, List<Clip> clips, int kind) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        PrintWriter saved = dump;
        dump = null;
        try {
            ruled.clear();
            long c0 = bean.getCurrentThreadCpuTime();
            double a = accuracy(recognizer, clips);
            cpu[kind] += bean.getCurrentThreadCpuTime() - c0;
            lastRuled = ruled.isEmpty() ? "" : "; the user's takes: " + ruled.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
            cpuClips[kind] += clips.size();
            if (saved != null && dumping != null && recognizer.profile() != null) {
                // Again for the dump (the CPU above is the recognizer's alone).
                dump = saved;
                accuracy(recognizer, clips);
            }
            return a;
        } finally {
            dump = saved;
        }
    }

    /** What the recognizer makes of a clip: without a profile, remembered; with one, dumped when asked. */
    private List<Verdict> judge(CommandRecognizer recognizer, Clip c) {
        VoiceProfile current = recognizer.profile();
        if (current == null) {
            return plain.computeIfAbsent(c, k -> recognizer.judgeAll(audio(k)));
        }
        List<Verdict> with = recognizer.judgeAll(audio(c));
        if (dump != null && dumping != null) {
            recognizer.useProfile(null);
            List<Verdict> without = plain.computeIfAbsent(c, k -> recognizer.judgeAll(audio(k)));
            for (int i = 0; i < with.size(); i++) {
                Verdict w = with.get(i);
                String wo = i < without.size() && without.get(i).accepted() ? without.get(i).intent() : "-";
                StringBuilder t = new StringBuilder();
                w.templates().forEach((k, d) -> t.append(t.length() == 0 ? "" : ";").append(k).append('=')
                        .append(String.format(Locale.ROOT, "%.4f", d)));
                dump.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%d\t%s\t%.4f\t%s\t%s\t%s\t%s\t%s\t%s", dumping[0], dumping[1],
                        dumping[2], c.file().getFileName(), i, c.intent().isEmpty() ? "-" : c.intent(), w.profileFit(),
                        w.accepted() ? w.intent() : "-", wo, w.withProfile() ? "profile" : "plain",
                        w.intent().isEmpty() ? "-" : w.intent(), w.gateOverridden().isEmpty() ? w.reason()
                                : "accepted over " + w.gateOverridden(),
                        t.length() == 0 ? "-" : t);
                Verdict p = i < without.size() ? without.get(i) : null;
                dump.printf(Locale.ROOT, "\t%.4f\t%s\t%s\t%.4f\t%s%n", w.confidence(),
                        p == null || p.intent().isEmpty() ? "-" : p.intent(), p == null ? "-" : p.reason(),
                        p == null ? Double.NaN : p.confidence(), w.templateRule().isEmpty() ? "-" : w.templateRule());
            }
            dump.flush();
            recognizer.useProfile(current);
        }
        return with;
    }

    /**
     * Says which digits have fewer clips than asked (FSDD holds 47 takes of each, so enrolling more of one digit leaves
     * it fewer to test), so that a result is never read as over more clips than it had.
     */
    private void warnShort(String who, java.util.Set<Integer> digits, List<Clip> clips, int wanted, String what) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int d : digits) {
            counts.put("number:" + d, 0);
        }
        for (Clip c : clips) {
            counts.merge(c.intent(), 1, Integer::sum);
        }
        String shortOnes = counts.entrySet().stream().filter(e -> e.getValue() < wanted)
                .map(e -> e.getKey().substring(e.getKey().indexOf(':') + 1) + ": " + e.getValue() + " " + what
                        + ", not " + wanted)
                .reduce((a, b) -> a + "; " + b).orElse("");
        if (!shortOnes.isEmpty()) {
            out.println("  " + who + ": fewer takes than asked: " + shortOnes);
        }
    }

    /** A variant's spec without "templates", "pron" and "pm=" (Enrolment's part of it). */
    private static String withoutTemplates(String spec) {
        String[] parts = spec.split("/", 2);
        String what = String.join("+", java.util.Arrays.stream(parts[0].split("\\+"))
                .filter(w -> !w.equals("templates") && !w.equals("pron")).toList());
        String rest = parts.length > 1 ? String.join("/", java.util.Arrays.stream(parts[1].split("/"))
                .filter(kv -> !kv.startsWith("pm=")).toList()) : "";
        return what + (rest.isEmpty() ? "" : "/" + rest);
    }

    /** The pronunciations' margin a variant asks for ("+pron", "/pm=" in nats a frame, 0 unless said); NaN: none. */
    private static double pronunciationMargin(String spec) {
        String[] parts = spec.split("/");
        if (!java.util.Arrays.asList(parts[0].split("\\+")).contains("pron")) {
            return Double.NaN;
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("pm=")) {
                return Double.parseDouble(parts[i].substring(3));
            }
        }
        return DEFAULT_PRONUNCIATION_MARGIN;
    }

    /** The margin a "+pron" variant uses unless it says (acoustic/README.md, session 12). */
    private static final double DEFAULT_PRONUNCIATION_MARGIN = 0;

    /** Per variant: the pronunciations' margin, NaN when it adds none. */
    private List<Double> pronounced = List.of();

    private String describe(int v, Enrolment.Options o, boolean templates) {
        String d = templates ? (o.name().equals("none") ? "templates" : o.name() + "+templates") + o.describe()
                .substring(o.name().length()) : o.describe();
        double pm = v < pronounced.size() ? pronounced.get(v) : Double.NaN;
        return Double.isNaN(pm) ? d : d.replaceFirst("^([^/]*)", "$1+pron") + "/pm=" + pm;
    }

    /** What is being dumped: the profile's owner, own/other/non, whose clips. */
    private String[] dumping;

    private double lastRaw;

    private int falseAccepts(CommandRecognizer recognizer, List<Clip> clips) {
        int n = 0;
        for (Clip c : clips) {
            List<Verdict> verdicts = judge(recognizer, c);
            n += verdicts.stream().anyMatch(Verdict::accepted) ? 1 : 0;
            nonRuled += verdicts.stream().filter(v -> !v.templateRule().isEmpty()).count();
        }
        return n;
    }
}
