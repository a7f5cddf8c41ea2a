package org.handsfree.coach.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handsfree.coach.loop.CoachLoop;

/** What the benchmarks need to start the coach as a fresh process and to measure processes' memory. */
final class Processes {
    private Processes() {
    }

    /** The coach's own jar, beside which the benchmarks run, or empty when they run from classes (a test, an IDE). */
    static Optional<Path> ownJar() throws IOException {
        return jarOf(CoachLoop.class);
    }

    /** The jar {@code c} was loaded from, or empty when it came from a folder of classes. */
    static Optional<Path> jarOf(Class<?> c) throws IOException {
        Path jar;
        try {
            jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return jar.toString().endsWith(".jar") ? Optional.of(jar) : Optional.empty();
    }

    /**
     * The JVM options the {@code coach} launcher starts a coaching session with (heap, young generation, stack,
     * collector, no display).
     */
    static final List<String> COACH_JVM = List.of("-Xmx72m", "-Xmn10m", "-Xss4m", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true");
    /**
     * ...and {@code recognize}: no voice, the default young generation, 96 MB (at 80 MB it spent a tenth of its CPU
     * in 28 full collections over bench speed's clips; the launcher's enroll, say, check, history and phrases keep 80).
     */
    static final List<String> COMMAND_JVM = List.of("-Xmx96m", "-Xss4m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");

    /** A command line that starts this Java as the launcher starts a coaching session, with {@code args} after the options. */
    static List<String> coach(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(COACH_JVM);
        cmd.addAll(archive());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A command line that starts this Java as the launcher starts one of the other commands, such as recognize. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(COMMAND_JVM);
        cmd.addAll(archive());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The options that map the launcher's class-data archive ({@code target/run/coach.jsa}, beside the coach's jar),
     * as the launcher adds them; none when there is no archive, when the benchmarks run from classes, or with
     * {@code COACH_CDS=0}.
     */
    static List<String> archive() {
        Optional<Path> archive = launcherArchive();
        if (archive.isEmpty()) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive.get(), "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The launcher's class-data archive, when there is one and it is not turned off. */
    static Optional<Path> launcherArchive() {
        if ("0".equals(System.getenv("COACH_CDS"))) {
            return Optional.empty();
        }
        try {
            return ownJar().map(jar -> jar.resolveSibling("coach.jsa")).filter(Files::isRegularFile);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The java command of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Peak resident memory (VmHWM) of process {@code pid} in kB, or -1 when it can't be read. */
    static long peakRssKb(long pid) {
        return status(pid, "VmHWM:");
    }

    /** Resident memory now (VmRSS) of process {@code pid} in kB, or -1 when it can't be read. */
    static long rssKb(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
