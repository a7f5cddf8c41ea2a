package org.handsfree.coach.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.handsfree.coach.history.HistoryEntry;
import org.handsfree.coach.history.HistoryFile;
import org.handsfree.coach.history.HistoryTable;
import org.handsfree.coach.loop.ProgressFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code coach history}: the last sessions, as a table or JSON Lines, or forget them all. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "The last sessions, one line each: date, duration, steps done, hold time.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    private CoachCommand parent;

    @Option(names = "--json", description = "One JSON object per session (JSON Lines), as kept.")
    private boolean json;

    @Option(names = "--last", paramLabel = "N", description = "How many sessions to show (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    private int last;

    @Option(names = "--forget", description = "Delete the history.")
    private boolean forget;

    /** The folder the coach keeps its state in (the one that holds the progress folder). */
    static Path stateDir() {
        return ProgressFile.defaultDir();
    }

    @Override
    public Integer call() throws IOException {
        if (last < 1) {
            parent.err().println("coach: history --last must be at least 1, got " + last);
            return 2;
        }
        PrintStream warnings = new PrintStream(new WriterOutputStream(parent.err()), true);
        HistoryFile history = new HistoryFile(stateDir(), warnings);
        if (forget) {
            boolean had = history.forget();
            parent.out().println(had ? "History forgotten: deleted " + history.file() : "No history to forget.");
            parent.out().flush();
            return 0;
        }
        history.recoverCrashed();
        List<HistoryEntry> all = history.read();
        if (json) {
            all.subList(Math.max(0, all.size() - last), all.size()).forEach(e -> parent.out().println(e.toJson()));
        } else {
            parent.out().print(HistoryTable.table(all, last, Instant.now(), ZoneId.systemDefault()));
        }
        parent.out().flush();
        warnings.flush();
        return 0;
    }
}
