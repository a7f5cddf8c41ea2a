package org.handsfree.coach.loop;

import java.util.List;
import java.util.Optional;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.session.Context;

/** Where the user's commands come from: typed lines, a microphone or a WAV file. */
public interface CommandInput extends AutoCloseable {
    /**
     * What was heard in the frame of {@code n} samples starting at {@code now}. An audio source
     * reads exactly that frame; typed input returns what was typed since the last call.
     */
    List<Hearing> poll(long now, int n);

    /** True once the input has ended (stdin closed, end of file). */
    boolean ended();

    /** True when the input itself keeps real time (a microphone), so the loop needs no other pacing. */
    default boolean paces() {
        return false;
    }

    /** True when commands come from sound, which can include the coach's own voice; typed input is false. */
    default boolean hearsTheRoom() {
        return false;
    }

    /**
     * A phrase to decode a few times while listening is quiet, where decoding runs beside the loop: the
     * first decodes in a fresh JVM are slow, and the user's first command shouldn't pay for that. May be
     * called from any thread, also once listening has begun.
     */
    default void warmUp(short[] phrase) {
    }

    /** What the session listens for from now on; sound is judged in that context. Typed input takes any phrase. */
    default void listenFor(Context context) {
    }

    /** Something the user must be told aloud about the input itself, such as a lost microphone; asked once per frame. */
    default Optional<String> notice() {
        return Optional.empty();
    }

    /**
     * What the input is doing, for a screen: "listening", "loading" (the recognizer is not ready yet),
     * "no microphone" (typed commands took over) or "typing".
     */
    default String listening() {
        return "typing";
    }

    @Override
    default void close() {
    }
}
