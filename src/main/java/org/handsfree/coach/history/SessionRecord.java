package org.handsfree.coach.history;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.loop.LoopWatcher;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.session.HoldClock;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;

/**
 * Follows one session as it runs and sums it up as a {@link HistoryEntry}: the time at each step and
 * each hold, in sample time (exact, whatever the machine's speed), and how it ended. The wall clock
 * is read only for the start and end dates.
 */
public final class SessionRecord implements LoopWatcher {
    /** Where a record goes while the session runs, and when it is over. */
    public interface Keeper {
        /** The session so far, kept in case the coach dies before it ends. */
        void checkpoint(HistoryEntry soFar);

        /** The session is over. */
        void done(HistoryEntry entry);
    }

    /** A keeper that keeps nothing: for simulations over files, which must leave no trace behind. */
    public static Keeper discarding() {
        return new Keeper() {
            @Override
            public void checkpoint(HistoryEntry soFar) {
            }

            @Override
            public void done(HistoryEntry entry) {
            }
        };
    }

    /** The record is kept this often while the session runs, besides at every change of step. */
    static final long CHECKPOINT_EVERY = SampleTime.ofSeconds(15);

    private final Routine routine;
    private final String fingerprint;
    private final Supplier<Instant> clock;
    private final Keeper keeper;
    private final Instant start;
    private final Map<Integer, Long> stepTime = new TreeMap<>();
    private final List<HistoryEntry.HoldTime> holds = new ArrayList<>();
    private SessionState last;
    private long mark;
    private long lastCheckpoint;
    private boolean finished;
    private boolean over;

    public SessionRecord(Routine routine, Supplier<Instant> clock, Keeper keeper) {
        this.routine = routine;
        this.fingerprint = fingerprint(routine);
        this.clock = clock;
        this.keeper = keeper;
        this.start = clock.get();
    }

    /** A hash of the routine's content: the same routine gives the same one, an edited one another. */
    public static String fingerprint(Routine routine) {
        return Hashing.sha256().hashString(routine.toString(), StandardCharsets.UTF_8).toString().substring(0, 16);
    }

    @Override
    public void changed(SessionState before, SessionState after, long now) {
        account(now);
        if (after.mode() == Mode.FINISHED) {
            finished = true;
        }
        if (before != null && before.hold() != null && after.hold() == null) {
            holds.add(hold(before.step(), before.hold(), now));
        }
        boolean newStep = last == null || last.step() != after.step();
        last = after;
        if (newStep || now - lastCheckpoint >= CHECKPOINT_EVERY) {
            lastCheckpoint = now;
            keeper.checkpoint(entry(now, HistoryEntry.CRASH_RECOVERED));
        }
    }

    @Override
    public Optional<String> summary(long now) {
        int done = entry(now, HistoryEntry.FINISHED).stepsDone();
        String steps = done == routine.size() ? (done == 1 ? "the one step" : "all " + done + " steps")
                : done + " of " + routine.size() + " steps";
        return Optional.of("Today: " + duration(now) + ", " + steps + ".");
    }

    @Override
    public void ended(SessionState lastState, long now, boolean byInput) {
        if (over) {
            return;
        }
        over = true;
        account(now);
        last = lastState;
        keeper.done(entry(now, finished ? HistoryEntry.FINISHED : byInput ? HistoryEntry.INPUT_CLOSED
                : HistoryEntry.QUIT));
    }

    /** The session up to sample {@code now}, as if it ended then as {@code ended}. */
    public HistoryEntry entry(long now, String ended) {
        Map<Integer, Long> times = new TreeMap<>(stepTime);
        if (atStep()) {
            times.merge(last.step(), Math.max(0, now - mark), Long::sum);
        }
        List<HistoryEntry.StepTime> steps = new ArrayList<>();
        times.forEach((step, samples) -> steps.add(new HistoryEntry.StepTime(step, SampleTime.toMillis(samples))));
        List<HistoryEntry.HoldTime> allHolds = new ArrayList<>(holds);
        if (last != null && last.hold() != null) {
            allHolds.add(hold(last.step(), last.hold(), now));
        }
        int reached = times.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        double tempo = last == null ? 1 : Math.round(Session.tempo(last.tempoLevel()) * 100) / 100.0;
        return new HistoryEntry(start, clock.get(), SampleTime.toMillis(now), routine.title(), fingerprint,
                routine.size(), reached, steps, allHolds, tempo, ended);
    }

    /**
     * Adds the time since the last change to the step the user was at. A finished routine counts no
     * step, and nor does the offer to resume: the user is not at that step until they say yes.
     */
    private void account(long now) {
        if (atStep()) {
            stepTime.merge(last.step(), Math.max(0, now - mark), Long::sum);
        }
        mark = now;
    }

    private boolean atStep() {
        return last != null && last.mode() != Mode.FINISHED && last.mode() != Mode.ENDED
                && last.question() != SessionState.Question.RESUME;
    }

    private HistoryEntry.HoldTime hold(int step, HoldClock clock, long now) {
        long elapsed = clock.elapsed(now);
        long min = SampleTime.ofMillis(clock.hold().min().toMillis());
        return new HistoryEntry.HoldTime(step, SampleTime.toMillis(elapsed), elapsed >= min);
    }

    private static String duration(long samples) {
        long seconds = Math.round((double) samples / SampleTime.RATE);
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
