package org.handsfree.coach.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.handsfree.coach.grammar.CommandGrammar;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.loop.ProgressFile;

/**
 * {@code coach bench ready}: how long a fresh coach process takes from the start of its JVM until its
 * recognizer is ready to decode (the built-in routine's grammar, as coaching loads it), in wall-clock
 * time and in CPU time (every thread: the JIT compilers and the collector count).
 *
 * <p>Each run is a fresh JVM started as the launcher starts one (the same heap, stack and collector),
 * running {@link Probe}, which loads the recognizer and prints its own two numbers: the clock and the CPU
 * since the kernel started the process. Two ways are run in turn, run by run, so each pair sees the same
 * machine: without a class-data archive, and with the one the launcher keeps (an AppCDS archive of the
 * classes a start loads, written once with {@code -XX:ArchiveClassesAtExit}).
 */
public final class ReadyBenchmark {
    private final PrintWriter out;

    public ReadyBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** One start: wall-clock and CPU milliseconds from the process's start to a ready recognizer. */
    record Start(double wallMs, double cpuMs, double mainCpuMs, double loadedMs) {
        /** Each measure's median over {@code starts}. */
        static Start median(List<Start> starts) {
            return new Start(ReadyBenchmark.median(starts, Start::wallMs), ReadyBenchmark.median(starts, Start::cpuMs),
                    ReadyBenchmark.median(starts, Start::mainCpuMs), ReadyBenchmark.median(starts, Start::loadedMs));
        }

        String describe() {
            return String.format(Locale.ROOT, "%.0f ms wall (loaded %.0f), %.0f ms CPU (main thread %.0f ms)", wallMs,
                    loadedMs, cpuMs, mainCpuMs);
        }
    }

    public int run(int runs) throws IOException, InterruptedException {
        Optional<Path> jar = Processes.ownJar();
        Optional<Path> tools = Processes.jarOf(ReadyBenchmark.class);
        if (jar.isEmpty() || tools.isEmpty()) {
            out.println("ready: starts the coach from its jars; run it with ./coach bench ready");
            return 2;
        }
        String classPath = jar.get() + ":" + tools.get();
        Path work = Files.createTempDirectory("coach-ready");
        try {
            // The launcher's own archive when it has written one (what ./coach maps), else one written here at the
            // exit of one start, as the launcher writes its own.
            Path archive = Processes.launcherArchive().orElse(work.resolve("ready.jsa"));
            String whose = Processes.launcherArchive().isPresent() ? "the launcher's class-data archive"
                    : "a class-data archive";
            if (!Files.isRegularFile(archive)) {
                probe(classPath, List.of("-XX:ArchiveClassesAtExit=" + archive), work);
            }
            if (!Files.isRegularFile(archive)) {
                out.println("ready: the JVM wrote no class-data archive; measuring without one");
            }
            List<String> mapped = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off");
            List<Start> plain = new ArrayList<>();
            List<Start> shared = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // Who goes first alternates, so neither always meets a machine the other has just warmed.
                if (i % 2 == 1 && Files.isRegularFile(archive)) {
                    shared.add(probe(classPath, mapped, work));
                }
                plain.add(probe(classPath, List.of(), work));
                if (i % 2 == 0 && Files.isRegularFile(archive)) {
                    shared.add(probe(classPath, mapped, work));
                }
                out.print("run " + (i + 1) + ": no archive " + plain.get(i).describe());
                if (shared.size() > i) {
                    out.print("; " + whose + " " + shared.get(i).describe());
                }
                out.println();
            }
            out.print("ready, median of " + runs + ": no archive " + Start.median(plain).describe());
            if (!shared.isEmpty()) {
                out.print("; " + whose + " " + Start.median(shared).describe());
            }
            out.println(" (target: 1000 ms wall)");
            return 0;
        } finally {
            try (var files = Files.list(work)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> of) {
        double[] v = starts.stream().mapToDouble(of).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Start probe(String classPath, List<String> extra, Path work) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Processes.java()));
        cmd.addAll(Processes.COACH_JVM);
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", classPath, Probe.class.getName()));
        // The probe's clock starts here: the JVM's own start time is the kernel's boot time in whole seconds plus
        // the process's start in ticks, so it was off by up to a second, the same way every run of a boot. Both
        // processes read the same monotonic clock (System.nanoTime is CLOCK_MONOTONIC on Linux).
        cmd.add(cmd.size() - 3, "-D" + Probe.LAUNCHED + "=" + System.nanoTime());
        Path stdout = work.resolve("probe.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("a start of the coach took more than five minutes");
        }
        // The JVM's own warnings (classes it can't archive) may follow the probe's line.
        String line = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("ready "))
                .findFirst().orElse("");
        if (p.exitValue() != 0 || line.isEmpty()) {
            throw new IOException("a start of the coach failed (exit " + p.exitValue() + "): " + line);
        }
        double[] v = Arrays.stream(line.substring(6).split(" ")).mapToDouble(Double::parseDouble).toArray();
        return new Start(v[0], v[1], v[2], v[3]);
    }

    /**
     * Run in a fresh JVM: loads the recognizer as coaching does and prints "ready WALL_MS CPU_MS MAIN_CPU_MS LOADED_MS".
     */
    public static final class Probe {
        /** The system property that carries the launching process's {@link System#nanoTime()} at the start. */
        static final String LAUNCHED = "coach.bench.launchedNanos";

        private Probe() {
        }

        public static void main(String[] args) {
            // As the launcher's coach does (cli.Main): the first start writes the prepared model, the others read it.
            CommandRecognizer.keepPreparedModelIn(ProgressFile.defaultDir().resolve("model"));
            // As the coach's command does, the model is not loaded ahead (only `recognize` does that).
            CommandRecognizer recognizer = CommandRecognizer.load(CommandGrammar.builtIn(), null);
            long loaded = System.nanoTime();
            // Ready means a stretch would be decoded at once: the flat searches, compiled on threads of their own
            // while the load returns, are done.
            recognizer.awaitSearches();
            long now = System.nanoTime();
            ProcessHandle.Info self = ProcessHandle.current().info();
            String launched = System.getProperty(LAUNCHED);
            double wall = launched != null ? (now - Long.parseLong(launched)) / 1e6
                    : Duration.between(self.startInstant().orElseThrow(), Instant.now()).toNanos() / 1e6;
            double cpu = self.totalCpuDuration().orElseThrow().toNanos() / 1e6;
            // The main thread's own CPU: on an idle machine a start's wall time is about this (its critical path),
            // and unlike the wall time it says something on a busy one.
            double main = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6;
            System.out.printf(Locale.ROOT, "ready %.1f %.1f %.1f %.1f%n", wall, cpu, main, wall - (now - loaded) / 1e6);
            recognizer.close();
        }
    }
}
