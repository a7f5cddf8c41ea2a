package org.handsfree.coach.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.handsfree.coach.bench.AdaptationFit;
import org.handsfree.coach.bench.ConfidenceFit;
import org.handsfree.coach.bench.LoopBenchmark;
import org.handsfree.coach.bench.RecognitionBenchmark;
import org.handsfree.coach.bench.RhythmBenchmark;
import org.handsfree.coach.listen.Mllr;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code coach bench rhythm|recognition|loop}: the benchmarks, which print their numbers. */
@Command(name = "bench", description = "Run a benchmark and print its numbers: rhythm, recognition.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(paramLabel = "NAME", description = "Which benchmark: rhythm, recognition, loop, fit (fits the confidence model).")
    private String name;

    @Option(names = "--minutes", description = "rhythm: minutes of counting to render (default ${DEFAULT-VALUE}).",
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

    @Option(names = "--quick", description = "recognition: every 4th clip of each set (a few minutes instead of ten or more).")
    private boolean quick;

    @Option(names = "--dump", paramLabel = "FILE.tsv", description = "recognition: write every verdict with its inputs; fit: every example.")
    private Path dump;

    @Option(names = "--train", paramLabel = "DIR", description = "fit, adapt: training audio from acoustic/make-training-audio.sh.")
    private Path train;

    @Option(names = "--false-accepts", paramLabel = "RATE",
            description = "fit: share of the training's non-command clips that may be accepted (default ${DEFAULT-VALUE}).",
            defaultValue = "0.02")
    private double falseAccepts;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "fit, recognition: replace a recognizer setting.")
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

    @Override
    public Integer call() throws Exception {
        parent.out().println("$ ./coach bench " + name + (name.equals("rhythm") ? " --minutes " + minutes : "")
                + (name.equals("recognition") || name.equals("loop") ? " --eval " + eval : "")
                + (name.equals("recognition") ? " --sets " + String.join(",", sets) + (quick ? " --quick" : "") : "")
                + (train != null ? " --train " + train : "") + (name.equals("adapt") ? (narrowband ? " --narrowband" : "")
                + " --form " + form + " --prior " + prior : ""));
        switch (name) {
            case "rhythm":
                return new RhythmBenchmark(parent.out()).run(minutes, keep);
            case "recognition":
                for (String s : sets) {
                    if (!RecognitionBenchmark.FAMILIES.contains(s)) {
                        parent.err().println("coach bench recognition: unknown set '" + s + "' (known: "
                                + String.join(", ", RecognitionBenchmark.FAMILIES) + ")");
                        return 2;
                    }
                }
                return new RecognitionBenchmark(parent.out()).run(eval, dump, overrides, sets, quick ? 4 : 1);
            case "loop":
                return new LoopBenchmark(parent.out()).run(eval);
            case "fit":
                if (train == null) {
                    parent.err().println("coach bench fit: needs --train DIR");
                    return 2;
                }
                return new ConfidenceFit(parent.out()).run(train, realSets ? eval : null, falseAccepts, overrides, write, dump);
            case "adapt":
                if (train == null) {
                    parent.err().println("coach bench adapt: needs --train DIR");
                    return 2;
                }
                return narrowband ? new AdaptationFit(parent.out()).runNarrowband(train, overrides, prior, form, write)
                        : new AdaptationFit(parent.out()).run(train, overrides, rounds, prior, form, write);
            default:
                parent.err().println("coach bench: unknown benchmark '" + name + "' (known: rhythm, recognition, loop, fit, adapt)");
                return 2;
        }
    }
}
