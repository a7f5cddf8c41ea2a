package org.handsfree.coach.session;

import java.util.Locale;
import org.handsfree.coach.time.SampleTime;

/** Turns times and paces into short phrases that sound natural when a synthetic voice reads them. */
final class Spoken {
    private Spoken() {
    }

    /** "3 minutes and 20 seconds", rounded up to whole seconds so "0 seconds" is never said too early. */
    static String duration(long samples) {
        long total = Math.max(0, (samples + SampleTime.RATE - 1) / SampleTime.RATE);
        long minutes = total / 60;
        long seconds = total % 60;
        if (minutes == 0) {
            return plural(seconds, "second");
        }
        if (seconds == 0) {
            return plural(minutes, "minute");
        }
        return plural(minutes, "minute") + " and " + plural(seconds, "second");
    }

    /** "3 to 5 minutes", "90 seconds", "2 minutes". */
    static String span(java.time.Duration min, java.time.Duration max) {
        if (min.equals(max)) {
            return duration(SampleTime.ofMillis(min.toMillis()));
        }
        boolean wholeMinutes = min.toSeconds() % 60 == 0 && max.toSeconds() % 60 == 0;
        if (wholeMinutes) {
            return min.toMinutes() + " to " + max.toMinutes() + " minutes";
        }
        return min.toSeconds() + " to " + max.toSeconds() + " seconds";
    }

    static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** One decimal, without a trailing ".0": "4.5", "4". */
    static String decimal(double x) {
        String s = String.format(Locale.ROOT, "%.1f", x);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
