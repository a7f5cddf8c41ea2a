package org.handsfree.coach.history;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code history.jsonl} in the state directory: one line per session, appended when it ends. While a
 * session runs, its record so far is kept in a file of its own named by the process
 * ({@code history-open-PID-START.json}); a coach that died leaves that file behind, and the next one
 * (or {@code coach history}) adds it to the history as "crash recovered".
 */
public final class HistoryFile {
    public static final String NAME = "history.jsonl";
    private static final Pattern OPEN = Pattern.compile("history-open-(\\d+)-(\\d+)\\.json");

    private final Path dir;
    private final Path file;
    private final PrintStream err;

    /** @param err where one-line warnings go (a damaged line, a file that can't be written) */
    public HistoryFile(Path dir, PrintStream err) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.err = err;
    }

    public Path file() {
        return file;
    }

    /** Every readable session, oldest first; a damaged line is skipped with a one-line warning. */
    public List<HistoryEntry> read() {
        List<HistoryEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("coach: can't read " + file + " (" + e.getMessage() + ")");
            return out;
        } catch (RuntimeException e) {
            err.println("coach: " + file + " is not text (" + e.getMessage() + "); no history shown");
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(HistoryEntry.parse(line));
            } catch (IllegalArgumentException e) {
                err.println("coach: " + file + ":" + (i + 1) + ": damaged line skipped (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** Adds one session at the end; a line cut short by a crash before it stays on its own line. */
    public void append(HistoryEntry entry) {
        try {
            Files.createDirectories(dir);
            String prefix = endsWithoutNewline() ? "\n" : "";
            Files.writeString(file, prefix + entry.toJson() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            err.println("coach: can't add this session to " + file + " (" + e.getMessage() + ")");
        }
    }

    private boolean endsWithoutNewline() throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(f.length() - 1);
            return f.read() != '\n';
        }
    }

    /** Adds the sessions of coaches that died mid-session to the history; returns how many. */
    public int recoverCrashed() {
        int n = 0;
        for (Path open : openFiles()) {
            Matcher m = OPEN.matcher(open.getFileName().toString());
            if (!m.matches() || alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                continue;
            }
            try {
                String text = Files.readString(open, StandardCharsets.UTF_8).strip();
                append(HistoryEntry.parse(text).endedAs(HistoryEntry.CRASH_RECOVERED));
                n++;
            } catch (IOException | IllegalArgumentException e) {
                err.println("coach: " + open + " is damaged and was dropped (" + e.getMessage() + ")");
            }
            try {
                Files.deleteIfExists(open);
            } catch (IOException e) {
                err.println("coach: can't remove " + open + " (" + e.getMessage() + ")");
            }
        }
        return n;
    }

    /** Deletes the history, and what dead coaches left behind; returns true if there was any. */
    public boolean forget() throws IOException {
        boolean had = Files.deleteIfExists(file);
        for (Path open : openFiles()) {
            Matcher m = OPEN.matcher(open.getFileName().toString());
            if (m.matches() && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                had |= Files.deleteIfExists(open);
            }
        }
        return had;
    }

    /**
     * Keeps this process's session: checkpoints in its own file, the end in the history. If the coach
     * is stopped from outside (Ctrl-C, a shutdown) before the session ends, the last checkpoint goes
     * into the history as {@link HistoryEntry#INTERRUPTED}.
     */
    public SessionRecord.Keeper keeper() {
        ProcessHandle self = ProcessHandle.current();
        long started = startOf(self).orElse(0L);
        Path open = dir.resolve("history-open-" + self.pid() + "-" + started + ".json");
        OpenSession keeper = new OpenSession(open);
        Runtime.getRuntime().addShutdownHook(new Thread(keeper::interrupted, "history"));
        return keeper;
    }

    /** The record of the session this process runs. */
    final class OpenSession implements SessionRecord.Keeper {
        private final Path open;
        private HistoryEntry last;
        private boolean over;
        private boolean warned;

        OpenSession(Path open) {
            this.open = open;
        }

        @Override
        public synchronized void checkpoint(HistoryEntry soFar) {
            if (over) {
                return;
            }
            last = soFar;
            try {
                Files.createDirectories(dir);
                Path tmp = open.resolveSibling(open.getFileName() + ".tmp");
                Files.writeString(tmp, soFar.toJson() + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, open, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, open, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                if (!warned) {
                    warned = true;
                    err.println("coach: can't keep this session's record in " + dir + " (" + e.getMessage()
                            + "); coaching goes on");
                }
            }
        }

        @Override
        public synchronized void done(HistoryEntry entry) {
            if (over) {
                return;
            }
            over = true;
            append(entry);
            remove();
        }

        synchronized void interrupted() {
            if (!over && last != null) {
                over = true;
                append(last.endedAs(HistoryEntry.INTERRUPTED));
                remove();
            }
        }

        private void remove() {
            try {
                Files.deleteIfExists(open);
            } catch (IOException e) {
                err.println("coach: can't remove " + open + " (" + e.getMessage() + ")");
            }
        }
    }

    private List<Path> openFiles() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "history-open-*.json")) {
            s.forEach(out::add);
        } catch (IOException e) {
            err.println("coach: can't look in " + dir + " (" + e.getMessage() + ")");
        }
        return out;
    }

    /** True when process {@code pid} runs and is the one that started at {@code started} (pids are reused). */
    private static boolean alive(long pid, long started) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        return startOf(p.get()).map(s -> s == started).orElse(true);
    }

    private static Optional<Long> startOf(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli);
    }
}
