package org.handsfree.coach.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handsfree.coach.listen.Mllr;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coach bench rhythm|recognition|loop|soak|speed|ready|fit|adapt|enroll}: the benchmarks, which print their numbers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its numbers: rhythm, recognition, loop, soak, speed, ready, fit, adapt, enroll.")
public final class BenchCommand implements Callable<Integer> {
    private final PrintWriter out;
    private final PrintWriter err;

    BenchCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** {@code ./coach bench ...}: the launcher runs this from the tools jar, beside the coach's jar. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs {@code bench} with {@code args} (the benchmark's name first); exit 0, 1 failure, 2 bad usage. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BenchCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("coach bench: " + e.getMessage() + " (see ./coach bench --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            err.println("coach bench: " + m.replaceAll("\\s+", " ").trim());
            return 1;
        });
        return cli.execute(args);
    }

    @Parameters(paramLabel = "NAME", description = "Which benchmark: rhythm, recognition, loop, soak, speed, ready (start to a ready recognizer), fit (fits the confidence model), adapt, enroll (voice profiles).")
    private String name;

    @Option(names = "--minutes", description = "rhythm: minutes of counting to render; soak: simulated minutes (default ${DEFAULT-VALUE}).",
            defaultValue = "5")
    private double minutes;

    @Option(names = "--keep", paramLabel = "FILE.wav", description = "rhythm: keep the rendered audio here.")
    private Path keep;

    @Option(names = "--eval", paramLabel = "DIR", description = "recognition: the eval folder (default ${DEFAULT-VALUE}).",
            defaultValue = "../shared/eval")
    private Path eval;

    @Option(names = "--sets", split = ",", paramLabel = "SET",
            description = "recognition: which sets (default ${DEFAULT-VALUE}; noise = the real commands over noise).",
            defaultValue = "synthetic,real-dev,real-more,fsdd,noise")
    private java.util.List<String> sets;

    @Option(names = "--real", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "fit: also fit on the tuning part of the real sets in --eval (default: yes when present).")
    private boolean realSets;

    @Option(names = "--quick", description = "recognition: every 4th clip of each set (a few minutes instead of ten or more); "
            + "loop: the two latency lines only.")
    private boolean quick;

    @Option(names = "--dump", paramLabel = "FILE.tsv", description = "recognition: write every verdict with its inputs; fit: every example;"
            + " enroll: every stretch's profile fit and verdicts with and without the profile.")
    private Path dump;

    @Option(names = "--verdicts", paramLabel = "FILE.tsv", split = ",",
            description = "fit: the examples of bench recognition --dump files' tuning part (synthetic and real), instead of decoding the real sets again;"
                    + " enroll: replay the user's-takes rule (adapt.template*, with any --set) on bench enroll --dump files.")
    private java.util.List<Path> verdicts = new java.util.ArrayList<>();

    @Option(names = "--commands-kept", paramLabel = "SHARE",
            description = "fit: choose the threshold as the highest that keeps this share of the real tuning command clips "
                    + "heard right (instead of --false-accepts).")
    private Double commandsKept;

    @Option(names = "--without", split = ",", paramLabel = "INPUT",
            description = "fit: inputs of the confidence model to give no weight (e.g. meanPitchHz,highBandDb).")
    private java.util.List<String> without = new java.util.ArrayList<>();

    @Option(names = "--blocks", split = ",", paramLabel = "W",
            description = "fit: what the training (or synthetic) examples, the real commands and the real non-commands "
                    + "weigh, each as a block whatever its size (default ${DEFAULT-VALUE}).",
            defaultValue = "1,1,1")
    private java.util.List<Double> blocks;

    @Option(names = "--train", paramLabel = "DIR", description = "fit, adapt: training audio from acoustic/make-training-audio.sh.")
    private Path train;

    @Option(names = "--false-accepts", paramLabel = "RATE",
            description = "fit: share of the training's non-command clips that may be accepted (default ${DEFAULT-VALUE}).",
            defaultValue = "0.02")
    private double falseAccepts;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "fit, recognition, enroll: replace a recognizer setting.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--write", paramLabel = "FILE", description = "fit: write the fitted model into this properties file; adapt: write the transform.")
    private Path write;

    @Option(names = "--rounds", description = "adapt: align and estimate this many times (default ${DEFAULT-VALUE}).",
            defaultValue = "2")
    private int rounds;

    @Option(names = "--prior", description = "adapt: weight pulling the transform towards none (default ${DEFAULT-VALUE}).",
            defaultValue = "0.05")
    private double prior;

    @Option(names = "--narrowband", description = "adapt: estimate what an 8 kHz channel does, from wideband speech "
            + "in --train (any speech, no labels) and its narrowband copy.")
    private boolean narrowband;

    @Option(names = "--form", description = "adapt: FULL (a matrix per stream), DIAGONAL (a scale and an offset per feature) "
            + "or OFFSET (default ${DEFAULT-VALUE}).", defaultValue = "FULL")
    private Mllr.Form form;

    @Option(names = "--pairs", description = "speed: how many times each side runs, in turn (default ${DEFAULT-VALUE}).",
            defaultValue = "2")
    private int pairs;

    @Option(names = "--runs", description = "ready: how many fresh starts of each kind (default ${DEFAULT-VALUE}).",
            defaultValue = "5")
    private int runs;

    @Option(names = "--pocketsphinx", paramLabel = "PROGRAM",
            description = "speed: the pocketsphinx batch decoder to compare with (default ${DEFAULT-VALUE}).",
            defaultValue = "pocketsphinx_batch")
    private String pocketsphinx;

    @Option(names = "--takes", description = "enroll: takes of each digit a profile is made from (default ${DEFAULT-VALUE}).",
            defaultValue = "3")
    private int enrolTakes;

    @Option(names = "--test", description = "enroll: takes of each digit tested, after those (and after the --use"
            + " takes with --use-first; default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    private int testTakes;

    @Option(names = "--speakers", split = ",", description = "enroll: only these FSDD speakers (default: all).")
    private java.util.List<String> speakers = new java.util.ArrayList<>();

    @Option(names = "--cross", description = "enroll: takes of each digit of the other speakers a profile is tried on "
            + "(default ${DEFAULT-VALUE}; 0: none).", defaultValue = "3")
    private int crossTakes;

    @Option(names = "--use", description = "enroll: takes of each digit heard in use after the test takes (before them with"
            + " --use-first), learned from, then the test again (default ${DEFAULT-VALUE}: not measured).", defaultValue = "0")
    private int useTakes;

    @Option(names = "--more", paramLabel = "DIGIT=TAKES", description = "enroll: more takes of these digits in the"
            + " profile (e.g. 6=2: five takes of six with --takes 3, as the guided enrolment asks); that digit's takes"
            + " in use and test takes start after them.")
    private java.util.SortedMap<Integer, Integer> moreTakes = new java.util.TreeMap<>();

    @Option(names = "--use-first", description = "enroll: the --use takes come right after the enrolment's, before the"
            + " test takes (the later takes of a voice that drifts are tested).")
    private boolean useFirst;

    @Option(names = "--undo-misheard", description = "enroll: in use, every misheard command is undone and not learned"
            + " (the user corrects each; without it nobody does and every accepted command is learned).")
    private boolean undoMisheard;

    @Option(names = "--relearn-undone", description = "enroll: with --undo-misheard, each undone command is then"
            + " learned as the digit meant (its stretch aligned with that phrase, as a correction would teach).")
    private boolean relearnUndone;

    @Option(names = "--non-every", description = "enroll: every Nth clip of real-more/noncommands is tried "
            + "(default ${DEFAULT-VALUE}).", defaultValue = "20")
    private int nonEvery;

    @Option(names = "--variant", description = "enroll: the techniques to compare, e.g. means+weights/mp=10/wp=10/r=3 "
            + "(mllr, means, weights; lp, mp, wp: priors; r: rounds). Default: each alone and combined.")
    private java.util.List<String> variants = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        out.println("$ ./coach bench " + name + (name.equals("rhythm") || name.equals("soak") ? " --minutes " + minutes : "")
                + (name.equals("recognition") || name.equals("loop") || name.equals("speed") ? " --eval " + eval : "")
                + (name.equals("speed") ? " --pairs " + pairs : "") + (name.equals("ready") ? " --runs " + runs : "")
                + (name.equals("recognition") ? " --sets " + String.join(",", sets) + (quick ? " --quick" : "") : "")
                + (name.equals("loop") && quick ? " --quick" : "")
                + (train != null ? " --train " + train : "") + (verdicts.isEmpty() ? "" : " --verdicts "
                + verdicts.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(",")))
                + (commandsKept != null ? " --commands-kept " + commandsKept : "")
                + (name.equals("fit") && !without.isEmpty() ? " --without " + String.join(",", without) : "")
                + (name.equals("fit") ? " --blocks " + blocks.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")) : "")
                + (name.equals("enroll") ? " --eval " + eval + " --takes " + enrolTakes + " --test " + testTakes
                + (speakers.isEmpty() ? "" : " --speakers " + String.join(",", speakers)) + " --cross " + crossTakes
                + " --non-every " + nonEvery + (useTakes > 0 ? " --use " + useTakes : "") + (useFirst ? " --use-first" : "")
                + (undoMisheard ? " --undo-misheard" : "") + (relearnUndone ? " --relearn-undone" : "")
                + moreTakes.entrySet().stream().map(e -> " --more " + e.getKey() + "=" + e.getValue())
                        .reduce("", String::concat)
                + overrides.entrySet().stream().map(e -> " --set " + e.getKey() + "=" + e.getValue())
                        .reduce("", String::concat)
                + variants.stream().map(v -> " --variant " + v).reduce("", String::concat) : "")
                + (name.equals("adapt") ? (narrowband ? " --narrowband" : "")
                + " --form " + form + " --prior " + prior : ""));
        if ((name.equals("rhythm") || name.equals("soak")) && !(minutes >= 0.1 && minutes <= 24 * 60)) {
            err.println("coach bench " + name + ": --minutes must be from 0.1 to 1440, got " + minutes);
            return 2;
        }
        for (java.util.Map.Entry<Integer, Integer> e : moreTakes.entrySet()) {
            if (e.getKey() < 0 || e.getKey() > 9 || e.getValue() < 1 || e.getValue() > 20) {
                err.println("coach bench " + name + ": --more takes DIGIT=TAKES, a digit 0-9 and 1-20 takes, got "
                        + e.getKey() + "=" + e.getValue());
                return 2;
            }
        }
        if (name.equals("enroll") && undoMisheard && useTakes <= 0) {
            err.println("coach bench " + name + ": --undo-misheard says what is learned in use; give --use N as well");
            return 2;
        }
        if (name.equals("enroll") && relearnUndone && !undoMisheard) {
            err.println("coach bench " + name + ": --relearn-undone says what an undone command teaches; give"
                    + " --undo-misheard as well");
            return 2;
        }
        if (useFirst && useTakes <= 0) {
            err.println("coach bench " + name + ": --use-first says when the --use takes are heard; give --use N as well");
            return 2;
        }
        switch (name) {
            case "rhythm":
                return new RhythmBenchmark(out).run(minutes, keep);
            case "recognition":
                for (String s : sets) {
                    if (!RecognitionBenchmark.FAMILIES.contains(s)) {
                        err.println("coach bench recognition: unknown set '" + s + "' (known: "
                                + String.join(", ", RecognitionBenchmark.FAMILIES) + ")");
                        return 2;
                    }
                }
                return new RecognitionBenchmark(out).run(eval, dump, overrides, sets, quick ? 4 : 1);
            case "loop":
                return new LoopBenchmark(out).run(eval, quick);
            case "soak":
                return new SoakBenchmark(out).run(minutes);
            case "speed":
                if (pairs < 1) {
                    err.println("coach bench speed: --pairs must be at least 1, got " + pairs);
                    return 2;
                }
                return new SpeedBenchmark(out).run(eval, pairs, pocketsphinx);
            case "ready":
                if (runs < 1) {
                    err.println("coach bench ready: --runs must be at least 1, got " + runs);
                    return 2;
                }
                return new ReadyBenchmark(out).run(runs);
            case "fit":
                if (train == null && !realSets && verdicts.isEmpty()) {
                    err.println("coach bench fit: nothing to fit on: give --train DIR, --verdicts FILE, or leave --real on");
                    return 2;
                }
                for (Path v : verdicts) {
                    if (!Files.isRegularFile(v)) {
                        err.println("coach bench fit: --verdicts " + v + ": no such file");
                        return 2;
                    }
                }
                if (commandsKept != null && !(commandsKept > 0 && commandsKept <= 1)) {
                    err.println("coach bench fit: --commands-kept must be a share above 0 and at most 1, got " + commandsKept);
                    return 2;
                }
                if (blocks.size() != 3 || blocks.stream().anyMatch(w -> !(w > 0))) {
                    err.println("coach bench fit: --blocks needs three weights above 0 (training, real commands, "
                            + "real non-commands), got " + blocks);
                    return 2;
                }
                return new ConfidenceFit(out).run(train, realSets && verdicts.isEmpty() ? eval : null, verdicts, falseAccepts,
                        commandsKept, without, blocks.stream().mapToDouble(Double::doubleValue).toArray(), overrides,
                        write, dump);
            case "adapt":
                if (train == null) {
                    err.println("coach bench adapt: needs --train DIR");
                    return 2;
                }
                return narrowband ? new AdaptationFit(out).runNarrowband(train, overrides, prior, form, write)
                        : new AdaptationFit(out).run(train, overrides, rounds, prior, form, write);
            case "enroll":
                if (!verdicts.isEmpty()) {
                    return new TemplateReplay(out).run(verdicts,
                            org.handsfree.coach.listen.CommandRecognizer.templateRule(overrides), testTakes, true);
                }
                return new EnrollBenchmark(out).hearingInUse(useTakes, useFirst).undoingMisheard(undoMisheard)
                        .relearningUndone(relearnUndone).moreTakes(moreTakes)
                        .run(eval, enrolTakes, testTakes, speakers, crossTakes, nonEvery, variants, overrides, dump);
            default:
                err.println("coach bench: unknown benchmark '" + name
                        + "' (known: rhythm, recognition, loop, soak, speed, ready, fit, adapt, enroll)");
                return 2;
        }
    }
}
