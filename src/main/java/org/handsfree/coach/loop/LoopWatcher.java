package org.handsfree.coach.loop;

import java.util.Optional;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.SessionState;

/**
 * Something that follows a session as the loop runs it (the companion screen, the history record).
 * Called on the loop's thread, in sample time; an implementation must return at once.
 */
public interface LoopWatcher {
    /** The session moved from {@code before} (null at the start) to {@code after} at sample {@code now}. */
    default void changed(SessionState before, SessionState after, long now) {
    }

    /** A command was taken; {@code from} is where it came from ("screen"), or null for the usual input. */
    default void heard(Utterance u, String from, long now) {
    }

    /** A stretch of sound was judged not to be a command. */
    default void rejected(long now) {
    }

    /** The coach starts saying {@code text}. */
    default void said(String text, long now) {
    }

    /** A beat word starts sounding. */
    default void beat(String word, long cycle, long now) {
    }

    /**
     * Once per frame, after it was played.
     *
     * @param listening what the input is doing: {@link CommandInput#listening()}
     */
    default void frame(SessionState state, long now, String listening) {
    }

    /** The routine was just finished: one sentence to add to the closing, if this watcher has one. */
    default Optional<String> summary(long now) {
        return Optional.empty();
    }

    /** The loop is over. {@code byInput}: it ended because the input did (stdin closed, end of file). */
    default void ended(SessionState last, long now, boolean byInput) {
    }
}
