package org.handsfree.coach.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code ./coach}: exit 0 done, 1 failure, 2 bad usage or bad input. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given writers; what tests call. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new CoachCommand(in, out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("coach: " + e.getMessage() + " (see ./coach --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("coach: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
