package org.handsfree.coach.session;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * What the user asked for. The names are fixed by the design ({@code next}, {@code goto:5}, ...)
 * because other tools read them from the trace and from {@code coach recognize}.
 */
public record Intent(Kind kind, OptionalInt number) {

    /**
     * The kinds of intent; {@link #NUMBER} carries a number, and so does {@link #GOTO} except in "go to
     * step" said without one (the coach then asks which).
     */
    public enum Kind {
        NEXT, REPEAT, BACK, PAUSE, RESUME, STOP, COUNT, STOP_COUNT, FASTER, SLOWER, LOUDER, QUIETER,
        TIME_LEFT, WHERE, SKIP, RESTART, HELP, GOTO, YES, NO, NUMBER, QUIT, SAFETY, UNDO;

        /** The name used in grammars, traces and JSON: {@code stop_count}, {@code time_left}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean takesNumber() {
            return this == GOTO || this == NUMBER;
        }

        /** True when the number may be left out ("go to step"). */
        boolean numberOptional() {
            return this == GOTO;
        }
    }

    public Intent {
        if (kind.takesNumber() != number.isPresent() && !(kind.numberOptional() && number.isEmpty())) {
            throw new IllegalArgumentException(kind.wireName() + (kind.takesNumber()
                    ? " needs a number" : " takes no number"));
        }
    }

    public static Intent of(Kind kind) {
        return new Intent(kind, OptionalInt.empty());
    }

    public static Intent of(Kind kind, int number) {
        return new Intent(kind, OptionalInt.of(number));
    }

    /** Reads a wire name such as {@code next} or {@code goto:5}. */
    public static Intent parse(String wire) {
        String[] parts = wire.trim().split(":", 2);
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown intent '" + wire + "'", e);
        }
        if (parts.length == 1) {
            return of(kind);
        }
        try {
            return of(kind, Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intent '" + wire + "' has a bad number", e);
        }
    }

    @Override
    public String toString() {
        return number.isPresent() ? kind.wireName() + ":" + number.getAsInt() : kind.wireName();
    }
}
