package org.handsfree.coach.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.loop.ProgressFile;
import picocli.CommandLine;

/**
 * Entry point of {@code ./coach}: exit 0 done, 1 failure, 2 bad usage or bad input. No stack trace
 * reaches a user: anything unexpected is one line and exit 1 (the session's place is saved as it
 * changes, so it is already kept); {@code --debug}, anywhere on the command line, prints the trace.
 */
public final class Main {
    static final String DEBUG = "--debug";

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        boolean debug = Arrays.asList(args).contains(DEBUG);
        // Threads of our own (keyboard, listening, loading) end the same way as the main one.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            report(e, debug, err);
            Runtime.getRuntime().halt(1);
        });
        // A coach process keeps the acoustic model's prepared copy with its other state (tests that call run() don't).
        CommandRecognizer.keepPreparedModelIn(ProgressFile.defaultDir().resolve("model"));
        System.exit(run(args, System.in, new PrintWriter(System.out, true), err));
    }

    /** Runs the command line with the given writers; what tests call. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains(DEBUG);
        String[] rest = Arrays.stream(args).filter(a -> !a.equals(DEBUG)).toArray(String[]::new);
        try {
            CommandLine cli = new CommandLine(new CoachCommand(in, out, err));
            cli.setOut(out);
            cli.setErr(err);
            cli.setParameterExceptionHandler((e, a) -> {
                err.println("coach: " + oneLine(e) + " (see ./coach " + helpFor(e.getCommandLine()) + "--help)");
                return 2;
            });
            cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                report(e, debug, err);
                return 1;
            });
            return cli.execute(rest);
        } catch (OutOfMemoryError e) {
            err.println("coach: ran out of memory (" + oneLine(e) + "); run with --debug for details");
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (RuntimeException | Error e) {
            report(e, debug, err);
            return 1;
        }
    }

    private static String helpFor(CommandLine c) {
        return c == null || c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    /** One line for the user; the stack trace only with --debug. */
    static void report(Throwable e, boolean debug, PrintWriter err) {
        err.println("coach: unexpected error: " + oneLine(e) + (debug ? "" : " (run with --debug for details)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
