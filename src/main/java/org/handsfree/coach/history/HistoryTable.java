package org.handsfree.coach.history;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

/** The history as people read it: a table of the last sessions, and this week's total. */
public final class HistoryTable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private HistoryTable() {
    }

    /** The sessions since Monday 00:00, local time, of the week that holds {@code now}. */
    public static List<HistoryEntry> thisWeek(List<HistoryEntry> all, Instant now, ZoneId zone) {
        Instant monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone).toInstant();
        return all.stream().filter(e -> !e.start().isBefore(monday)).toList();
    }

    /** "This week: 3 sessions, 42 min, 12:30 holding." */
    public static String weekLine(List<HistoryEntry> all, Instant now, ZoneId zone) {
        List<HistoryEntry> week = thisWeek(all, now, zone);
        long ms = week.stream().mapToLong(HistoryEntry::millis).sum();
        long hold = week.stream().mapToLong(HistoryEntry::holdMillis).sum();
        if (week.isEmpty()) {
            return "No sessions yet this week.";
        }
        return "This week: " + week.size() + (week.size() == 1 ? " session, " : " sessions, ") + duration(ms)
                + (hold > 0 ? ", " + clock(hold) + " holding" : "") + ".";
    }

    /** The last {@code last} sessions, oldest first, as an aligned table with this week's total under it. */
    public static String table(List<HistoryEntry> all, int last, Instant now, ZoneId zone) {
        if (all.isEmpty()) {
            return "No sessions yet.\n";
        }
        List<HistoryEntry> shown = all.subList(Math.max(0, all.size() - last), all.size());
        String format = "%-16s  %-8s  %-10s  %-9s  %s%n";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, format, "date", "duration", "steps done",
                "hold time", "ended"));
        for (HistoryEntry e : shown) {
            b.append(String.format(Locale.ROOT, format, date(e.start(), zone), duration(e.millis()),
                    e.stepsDone() + " of " + e.stepsTotal(), clock(e.holdMillis()), e.ended()));
        }
        b.append(weekLine(all, now, zone)).append('\n');
        return b.toString();
    }

    public static String date(Instant t, ZoneId zone) {
        return DATE.format(t.atZone(zone));
    }

    /** "45 s", "14 min", "1 h 05 min". */
    public static String duration(long ms) {
        long s = Math.round(ms / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        return min < 60 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }

    /** "3:05". */
    public static String clock(long ms) {
        long s = ms / 1000;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
