package org.handsfree.coach.loop;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.Supplier;
import org.handsfree.coach.routine.Routine;

/**
 * Progress in a small file: which routine (by a hash of its content, so an edited routine starts
 * afresh), which step, and when. Only the step is kept; no audio and nothing the user said. Written
 * whole to a temporary file and moved into place, so a crash mid-write leaves the old file.
 */
public final class ProgressFile implements Progress {
    /** Progress older than this is a different sitting, not a crash: start afresh. */
    public static final Duration FRESH_FOR = Duration.ofHours(12);

    private final Path file;
    private final Routine routine;
    private final String key;
    private final Supplier<Instant> clock;
    private final PrintStream err;
    private boolean warned;

    public ProgressFile(Path file, Routine routine, Supplier<Instant> clock, PrintStream err) {
        this.file = file;
        this.routine = routine;
        this.key = Hashing.sha256().hashString(routine.toString(), StandardCharsets.UTF_8).toString();
        this.clock = clock;
        this.err = err;
    }

    /**
     * The usual place: {@code $COACH_STATE_DIR}, else {@code $XDG_STATE_HOME/hands-free-coach}, else
     * {@code ~/.local/state/hands-free-coach}; the system property {@code coach.state.dir} overrides all.
     */
    public static Path defaultFile() {
        String dir = System.getProperty("coach.state.dir", System.getenv("COACH_STATE_DIR"));
        if (dir == null) {
            String xdg = System.getenv("XDG_STATE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "state");
            return base.resolve("hands-free-coach").resolve("progress.properties");
        }
        return Path.of(dir).resolve("progress.properties");
    }

    @Override
    public OptionalInt saved() {
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            if (!key.equals(p.getProperty("routine"))) {
                return OptionalInt.empty();
            }
            int step = Integer.parseInt(p.getProperty("step", ""));
            Instant saved = Instant.parse(p.getProperty("saved", ""));
            boolean fresh = saved.isAfter(clock.get().minus(FRESH_FOR)) && !saved.isAfter(clock.get().plusSeconds(60));
            return fresh && step >= 2 && step <= routine.size() ? OptionalInt.of(step) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            warn("can't read the saved progress in " + file + " (" + e.getMessage() + "); starting from the beginning");
            return OptionalInt.empty();
        }
    }

    @Override
    public void at(int step) {
        if (step < 2) {
            done();
            return;
        }
        Properties p = new Properties();
        p.setProperty("routine", key);
        p.setProperty("title", routine.title());
        p.setProperty("step", Integer.toString(step));
        p.setProperty("saved", clock.get().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Hands-Free Coach: where the last session was");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            warn("can't save progress to " + file + " (" + e.getMessage() + "); coaching goes on");
        }
    }

    @Override
    public void done() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warn("can't remove " + file + " (" + e.getMessage() + ")");
        }
    }

    private void warn(String message) {
        if (!warned) {
            err.println("coach: " + message);
            warned = true;
        }
    }
}
