package org.handsfree.coach.routine;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the human durations used in routine files: "90 s", "1.5 s", "2 min", "3-5 min". */
public final class Durations {
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "(s|sec|secs|second|seconds|min|mins|minute|minutes)";
    private static final Pattern RANGE =
            Pattern.compile(NUMBER + "(?:\\s*(?:-|to)\\s*" + NUMBER + ")?\\s*" + UNIT);

    private Durations() {
    }

    /** A single length or a range; empty when the text doesn't look like one. */
    public static Optional<Duration[]> parseRange(String text) {
        Matcher m = RANGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double unit = m.group(3).startsWith("m") ? 60 : 1;
        Duration low = seconds(Double.parseDouble(m.group(1)) * unit);
        Duration high = m.group(2) == null ? low : seconds(Double.parseDouble(m.group(2)) * unit);
        return Optional.of(new Duration[] {low, high});
    }

    /** A single length, not a range. */
    public static Optional<Duration> parse(String text) {
        return parseRange(text).filter(r -> r[0].equals(r[1])).map(r -> r[0]);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
