package org.handsfree.coach.loop;

import java.util.OptionalInt;

/** Where the user is in a routine, kept across runs so that a crash or a lost device doesn't lose their place. */
public interface Progress extends AutoCloseable {
    /** The step an earlier, unfinished session of this routine reached, if it is worth offering. */
    OptionalInt saved();

    /** The user is now at {@code step}. */
    void at(int step);

    /** The routine was finished or the user chose to end: nothing to resume. */
    void done();

    /** True when the last place given to {@link #at} was saved. */
    default boolean kept() {
        return false;
    }

    @Override
    default void close() {
    }

    /** Keeps nothing: for simulations over files, which must run the same every time. */
    static Progress none() {
        return new Progress() {
            @Override
            public OptionalInt saved() {
                return OptionalInt.empty();
            }

            @Override
            public void at(int step) {
            }

            @Override
            public void done() {
            }
        };
    }
}
