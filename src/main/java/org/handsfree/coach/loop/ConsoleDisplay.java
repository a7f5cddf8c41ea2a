package org.handsfree.coach.loop;

import java.io.PrintStream;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.session.HoldClock;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.SessionState;
import org.handsfree.coach.time.SampleTime;

/**
 * Text on the terminal: each thing the coach says on its own line, and on a terminal a status line
 * (step, state, hold timer, beat) redrawn in place. Piped output gets lines only, one per event.
 */
public final class ConsoleDisplay implements Display {
    private final PrintStream out;
    private final Routine routine;
    private final boolean live;
    private String lastBeat = "";
    private String lastStatus = "";
    /** When the status line was last drawn; none yet. (Not Long.MIN_VALUE: {@code now - lastDraw} would overflow.) */
    private long lastDraw = -SampleTime.RATE;

    public ConsoleDisplay(PrintStream out, Routine routine, boolean live) {
        this.out = out;
        this.routine = routine;
        this.live = live;
    }

    @Override
    public void said(String text) {
        clearStatus();
        out.println("coach: " + text);
        out.flush();
    }

    @Override
    public void beat(String word, long cycle) {
        lastBeat = word;
    }

    @Override
    public void heard(String text) {
        clearStatus();
        out.println("heard: " + text);
        out.flush();
    }

    @Override
    public void status(SessionState s, long now) {
        if (!live || now - lastDraw < SampleTime.RATE / 10) {
            return;
        }
        lastDraw = now;
        String line = statusLine(s, now);
        if (!line.equals(lastStatus)) {
            out.print("\r\033[K" + line);
            out.flush();
            lastStatus = line;
        }
    }

    /** "step 10/12 · counting · squeeze · hold 1:20 of 3-5 min". */
    String statusLine(SessionState s, long now) {
        StringBuilder b = new StringBuilder("step ").append(s.step()).append('/').append(routine.size())
                .append(" · ").append(s.mode().wireName());
        if (s.mode() == Mode.COUNTING || (s.mode() == Mode.CONFIRMING && s.beats() != null)) {
            b.append(" · ").append(lastBeat);
        }
        HoldClock hold = s.hold();
        if (hold != null) {
            b.append(" · hold ").append(clock(hold.elapsed(now))).append(" of ")
                    .append(span(hold.hold().min().toSeconds(), hold.hold().max().toSeconds()));
        }
        return b.toString();
    }

    private void clearStatus() {
        if (live && !lastStatus.isEmpty()) {
            out.print("\r\033[K");
            lastStatus = "";
        }
    }

    private static String clock(long samples) {
        long s = samples / SampleTime.RATE;
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static String span(long min, long max) {
        if (min % 60 == 0 && max % 60 == 0) {
            return min == max ? (max / 60) + " min" : (min / 60) + "-" + (max / 60) + " min";
        }
        return min == max ? max + " s" : min + "-" + max + " s";
    }
}
