package org.handsfree.coach.screen;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.ZoneId;
import java.util.List;
import org.handsfree.coach.history.HistoryEntry;
import org.handsfree.coach.history.HistoryTable;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.loop.LoopWatcher;
import org.handsfree.coach.routine.Beat;
import org.handsfree.coach.routine.Rhythm;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.Step;
import org.handsfree.coach.session.HoldClock;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;

/**
 * What the screen shows, as one JSON object rebuilt from the loop's events: the step, the hold, the
 * count, what was heard and said, listening and volume, and the history. A new state is published
 * when anything on it changes (the hold timer once a second), never more than 20 times a second
 * apart from beats and commands.
 */
public final class ScreenFeed implements LoopWatcher {
    private static final long REFRESH = SampleTime.ofMillis(50);

    private final Routine routine;
    private final Broadcast broadcast;
    private final JsonArray history;
    private final String week;
    private SessionState state;
    private String heard;
    private String heardFrom;
    private boolean rejected;
    private String saying = "";
    private String beat;
    private long beatCycle = -1;
    private String listening = "loading";
    private boolean over;
    private boolean dirty = true;
    private long lastBuilt = Long.MIN_VALUE;

    /**
     * @param history the last few sessions, newest first, each with "date", "duration", "steps" and "ended"
     * @param week this week's total, as a sentence
     */
    ScreenFeed(Routine routine, Broadcast broadcast, JsonArray history, String week) {
        this.routine = routine;
        this.broadcast = broadcast;
        this.history = history;
        this.week = week;
    }

    @Override
    public void changed(SessionState before, SessionState after, long now) {
        if (before == null || before.step() != after.step() || before.mode() != after.mode()
                || before.question() != after.question() || before.volume() != after.volume()
                || before.tempoLevel() != after.tempoLevel() || (before.hold() == null) != (after.hold() == null)) {
            dirty = true;
        }
        if (after.mode() != Mode.COUNTING && after.mode() != Mode.PAUSED) {
            beat = null;
        }
        state = after;
    }

    @Override
    public void heard(Utterance u, String from, long now) {
        heard = u.text();
        heardFrom = from;
        rejected = false;
        dirty = true;
    }

    @Override
    public void rejected(long now) {
        heard = null;
        heardFrom = null;
        rejected = true;
        dirty = true;
    }

    @Override
    public void said(String text, long now) {
        saying = text;
        dirty = true;
    }

    @Override
    public void beat(String word, long cycle, long now) {
        beat = word;
        beatCycle = cycle;
        publish(now);
    }

    @Override
    public void frame(SessionState s, long now, String listening) {
        state = s;
        if (!listening.equals(this.listening)) {
            this.listening = listening;
            dirty = true;
        }
        if (dirty || now - lastBuilt >= REFRESH) {
            publish(now);
        }
    }

    @Override
    public void ended(SessionState last, long now, boolean byInput) {
        state = last;
        over = true;
        publish(now);
    }

    private void publish(long now) {
        if (state == null) {
            return;
        }
        dirty = false;
        lastBuilt = now;
        broadcast.publish(snapshot(now).toString());
    }

    /** The whole state of the screen at sample {@code now}. */
    JsonObject snapshot(long now) {
        JsonObject o = new JsonObject();
        int n = Math.min(Math.max(1, state.step()), routine.size());
        Step step = routine.step(n);
        o.addProperty("routine", routine.title());
        o.addProperty("step", n);
        o.addProperty("steps", routine.size());
        o.addProperty("title", step.title());
        o.addProperty("text", step.text());
        o.addProperty("mode", over ? "ended" : state.mode().wireName());
        if (state.mode() == Mode.PAUSED && state.resumeTo() != null) {
            o.addProperty("resumeTo", state.resumeTo().wireName());
        }
        if (state.question() != null) {
            o.addProperty("question", state.question().name().toLowerCase(java.util.Locale.ROOT));
        }
        HoldClock clock = state.hold();
        step.hold().ifPresent(h -> {
            JsonObject hold = new JsonObject();
            hold.addProperty("min", h.min().toSeconds());
            hold.addProperty("max", h.max().toSeconds());
            hold.addProperty("elapsed", clock == null ? 0 : clock.elapsed(now) / SampleTime.RATE);
            hold.addProperty("started", clock != null);
            hold.addProperty("running", clock != null && clock.running());
            o.add("hold", hold);
        });
        step.rhythm().ifPresent(r -> o.add("count", count(r)));
        if (beat != null) {
            o.addProperty("beat", beat);
            o.addProperty("cycle", beatCycle);
        }
        o.addProperty("counting", state.mode() == Mode.COUNTING);
        o.addProperty("tempo", Math.round(Session.tempo(state.tempoLevel()) * 100) / 100.0);
        if (heard != null) {
            o.addProperty("heard", heard);
            if (heardFrom != null) {
                o.addProperty("heardFrom", heardFrom);
            }
        } else if (rejected) {
            o.addProperty("rejected", true);
        }
        o.addProperty("saying", saying);
        o.addProperty("listening", listening);
        o.addProperty("volume", state.volume());
        o.addProperty("maxVolume", Session.MAX_VOLUME);
        o.add("history", history);
        o.addProperty("week", week);
        return o;
    }

    /** The last {@code n} sessions, newest first, as the page lists them. */
    public static JsonArray recent(List<HistoryEntry> all, int n, ZoneId zone) {
        JsonArray a = new JsonArray();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - n); i--) {
            HistoryEntry e = all.get(i);
            JsonObject o = new JsonObject();
            o.addProperty("date", HistoryTable.date(e.start(), zone));
            o.addProperty("duration", HistoryTable.duration(e.millis()));
            o.addProperty("steps", e.stepsDone() + " of " + e.stepsTotal() + " steps");
            o.addProperty("ended", e.ended());
            a.add(o);
        }
        return a;
    }

    private JsonObject count(Rhythm r) {
        JsonObject c = new JsonObject();
        JsonArray words = new JsonArray();
        List<Beat> beats = r.beats();
        beats.forEach(b -> words.add(b.word()));
        c.add("words", words);
        c.addProperty("cycleSeconds", Math.round(r.cycleSeconds() / Session.tempo(state.tempoLevel()) * 10) / 10.0);
        return c;
    }
}
