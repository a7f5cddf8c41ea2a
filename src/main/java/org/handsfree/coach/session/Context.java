package org.handsfree.coach.session;

import java.util.Locale;

/**
 * What the coach is listening for at a moment, decided by the session: each is a public rule of
 * {@code grammars/commands.gram}, and the recognizer accepts only that rule's phrases.
 */
public enum Context {
    /** Narrating, counting, holding, paused: navigation and control; no bare numbers, no yes or no. */
    COACHING,
    /** After a yes-or-no question: yes, no, and the few commands that make sense there. */
    CONFIRM,
    /** After "which step?": the numbers of the routine and "step N". */
    NUMBER;

    /** The name used in the grammar, on the command line and in the trace: {@code coaching}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name. */
    public static Context parse(String wire) {
        for (Context c : values()) {
            if (c.wireName().equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown context '" + wire + "' (use coaching, confirm or number)");
    }
}
