package org.handsfree.coach.loop;

import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.handsfree.coach.routine.Routine;

/**
 * Progress in a small file per routine, {@code progress/FINGERPRINT.properties}: a hash of the
 * routine's content (so an edited routine starts afresh and two routines never share a place), the
 * step, and when. Nothing else: no title, no audio, nothing the user said; readable by the user only
 * (0600). Written whole to a temporary file of its own and renamed into place, so a crash mid-write
 * leaves the old file and two writers never share a temporary file.
 *
 * <p>A session holds {@code FINGERPRINT.lock} while it runs. A second session of the same routine
 * meanwhile neither offers nor changes the first one's place (it says so once).
 */
public final class ProgressFile implements Progress {
    /** Progress older than this is a different sitting, not a crash: start afresh. */
    public static final Duration FRESH_FOR = Duration.ofHours(12);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final Path file;
    private final Routine routine;
    private final String key;
    private final Supplier<Instant> clock;
    private final PrintStream err;
    private boolean warned;
    private FileChannel lockChannel;
    private FileLock lock;
    /** Null until the lock was tried; then whether this session owns the routine's place. */
    private Boolean owner;
    private boolean kept;

    /**
     * @param dir the state directory; progress goes in its {@code progress/} folder
     */
    public ProgressFile(Path dir, Routine routine, Supplier<Instant> clock, PrintStream err) {
        this.dir = dir.resolve("progress");
        this.routine = routine;
        this.key = fingerprint(routine);
        this.file = this.dir.resolve(key + ".properties");
        this.clock = clock;
        this.err = err;
    }

    /** The routine's fingerprint: SHA-256 of everything in it. */
    public static String fingerprint(Routine routine) {
        return Hashing.sha256().hashString(routine.toString(), StandardCharsets.UTF_8).toString();
    }

    /**
     * The usual place: {@code $COACH_STATE_DIR}, else {@code $XDG_STATE_HOME/hands-free-coach}, else
     * {@code ~/.local/state/hands-free-coach}; the system property {@code coach.state.dir} overrides all.
     */
    public static Path defaultDir() {
        String dir = System.getProperty("coach.state.dir", System.getenv("COACH_STATE_DIR"));
        if (dir == null) {
            String xdg = System.getenv("XDG_STATE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "state");
            return base.resolve("hands-free-coach");
        }
        return Path.of(dir);
    }

    /** Where this routine's place is kept. */
    public Path file() {
        return file;
    }

    @Override
    public OptionalInt saved() {
        if (!owns() || !Files.isRegularFile(file)) {
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
        if (!owns()) {
            return;
        }
        Properties p = new Properties();
        p.setProperty("routine", key);
        p.setProperty("step", Integer.toString(step));
        p.setProperty("saved", clock.get().toString());
        Path tmp = null;
        try {
            createPrivateDir();
            tmp = Files.createTempFile(dir, key + ".", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, null);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            kept = true;
        } catch (IOException | RuntimeException e) {
            kept = false;
            warn("can't save progress to " + file + " (" + problem(e) + "); coaching goes on");
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do: the warning has been given.
                }
            }
        }
    }

    @Override
    public void done() {
        kept = false;
        if (!owns()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            warn("can't remove " + file + " (" + problem(e) + ")");
        }
    }

    @Override
    public boolean kept() {
        return kept;
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
        lock = null;
        lockChannel = null;
    }

    /** Takes the routine's lock the first time; true while this session owns its place. */
    private boolean owns() {
        if (owner != null) {
            return owner;
        }
        try {
            createPrivateDir();
            lockChannel = FileChannel.open(dir.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            warn("can't keep progress in " + dir + " (" + problem(e) + "); coaching goes on");
            owner = false;
            return false;
        }
        owner = lock != null;
        if (!owner) {
            warn("another coach is coaching this routine; this one's place is not kept");
        }
        return owner;
    }

    private void createPrivateDir() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static String problem(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    private void warn(String message) {
        if (!warned) {
            err.println("coach: " + message);
            warned = true;
        }
    }
}
