package org.handsfree.coach.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.handsfree.coach.listen.CommandRecognizer;
import org.handsfree.coach.listen.LearnedStats;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;

/**
 * Learning the user's voice in use: the recognizer hands over the aligned statistics of each command its
 * voice profile decided; this keeps those of the commands the session took, and drops a command's again
 * when "undo" takes that command back (it was probably misheard). What is kept at the end of the session
 * ({@link #session}) goes into the profile. Stretches the recognizer rejected, or that the loop took for
 * the coach's own voice, never reach the session and are never kept.
 */
public final class VoiceLearning implements CommandRecognizer.Learner, LoopWatcher {
    /** A command heard, with when the session took it. */
    private record Kept(long at, LearnedStats stats) {
    }

    /** What the recognizer accepted that the loop has not taken yet, by the stretch's first sample. */
    private final Map<Long, LearnedStats> offered = new HashMap<>();
    private final List<Kept> kept = new ArrayList<>();
    private boolean undoHeard;
    private int undone;

    @Override
    public synchronized void accepted(long start, long end, LearnedStats stats) {
        offered.put(start, stats);
    }

    @Override
    public void heard(Utterance u, String from, long now) {
        undoHeard = u.intent().kind() == Intent.Kind.UNDO;
        if (from != null) {
            return;
        }
        LearnedStats stats;
        synchronized (this) {
            stats = offered.remove(u.start());
            // An offer the loop never took (a stretch judged again in another context) goes with it.
            offered.keySet().removeIf(start -> start < u.start());
        }
        if (stats != null) {
            kept.add(new Kept(now, stats));
        }
    }

    @Override
    public void changed(SessionState before, SessionState after, long now) {
        if (!undoHeard) {
            return;
        }
        undoHeard = false;
        // As the session undoes: the last command that changed something, within the window, unless a question waits.
        if (before == null || before.mode() == Mode.CONFIRMING || before.mode() == Mode.ENDED || before.undo() == null
                || now - before.undo().at() > Session.UNDO_WINDOW) {
            return;
        }
        long at = before.undo().at();
        int n = kept.size();
        kept.removeIf(k -> k.at() == at);
        undone += n - kept.size();
    }

    /** What this session's kept commands taught, or null when nothing was kept. */
    public LearnedStats session() {
        LearnedStats all = null;
        for (Kept k : kept) {
            if (all == null) {
                all = k.stats().copy();
            } else {
                all.addAll(k.stats());
            }
        }
        return all;
    }

    /** Commands whose statistics an undo dropped. */
    public int undone() {
        return undone;
    }
}
