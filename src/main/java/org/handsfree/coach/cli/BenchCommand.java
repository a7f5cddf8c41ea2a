package org.handsfree.coach.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.handsfree.coach.bench.RecognitionBenchmark;
import org.handsfree.coach.bench.RhythmBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code coach bench rhythm|recognition|loop}: the benchmarks, which print their numbers. */
@Command(name = "bench", description = "Run a benchmark and print its numbers: rhythm, recognition.")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Parameters(paramLabel = "NAME", description = "Which benchmark: rhythm, recognition.")
    private String name;

    @Option(names = "--minutes", description = "rhythm: minutes of counting to render (default ${DEFAULT-VALUE}).",
            defaultValue = "5")
    private double minutes;

    @Option(names = "--keep", paramLabel = "FILE.wav", description = "rhythm: keep the rendered audio here.")
    private Path keep;

    @Option(names = "--eval", paramLabel = "DIR", description = "recognition: the eval folder (default ${DEFAULT-VALUE}).",
            defaultValue = "../shared/eval")
    private Path eval;

    @Option(names = "--dump", paramLabel = "FILE.tsv", description = "recognition: write every verdict with its inputs.")
    private Path dump;

    @Override
    public Integer call() throws Exception {
        parent.out().println("$ ./coach bench " + name + (name.equals("rhythm") ? " --minutes " + minutes : "") + (name.equals("recognition") ? " --eval " + eval : ""));
        switch (name) {
            case "rhythm":
                return new RhythmBenchmark(parent.out()).run(minutes, keep);
            case "recognition":
                return new RecognitionBenchmark(parent.out()).run(eval, dump);
            default:
                parent.err().println("coach bench: unknown benchmark '" + name + "' (known: rhythm, recognition)");
                return 2;
        }
    }
}
