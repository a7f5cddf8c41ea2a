package org.handsfree.coach.history;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One session as {@code history.jsonl} keeps it: no audio and nothing the user said, only when, which
 * routine, how far and for how long. Times inside the session are milliseconds of sample time.
 *
 * @param fingerprint a hash of the routine's content, so edited routines are told apart
 * @param stepsTotal how many steps the routine has
 * @param stepReached the highest step reached
 * @param steps time spent in each step visited, in step order
 * @param holds each timed hold that ran, in the order they ended
 * @param tempo the tempo factor at the end (1 = as written)
 * @param ended how the session ended: {@link #FINISHED}, {@link #QUIT}, {@link #INPUT_CLOSED}, {@link #CRASH_RECOVERED} or {@link #INTERRUPTED}
 */
public record HistoryEntry(Instant start, Instant end, long millis, String routine, String fingerprint,
                           int stepsTotal, int stepReached, List<StepTime> steps, List<HoldTime> holds,
                           double tempo, String ended) {
    public static final String FINISHED = "finished";
    public static final String QUIT = "quit";
    public static final String INPUT_CLOSED = "input closed";
    public static final String CRASH_RECOVERED = "crash recovered";
    /** The coach was stopped from outside (Ctrl-C) mid-session: kept as of its last checkpoint. */
    public static final String INTERRUPTED = "interrupted";

    /** Time spent at one step. */
    public record StepTime(int step, long millis) {
    }

    /** A hold that ran for {@code millis}; {@code complete} when it reached its minimum. */
    public record HoldTime(int step, long millis, boolean complete) {
    }

    public HistoryEntry {
        steps = List.copyOf(steps);
        holds = List.copyOf(holds);
    }

    /** How many different steps the session went through. */
    public int stepsDone() {
        return steps.size();
    }

    /** All the time spent holding, in milliseconds. */
    public long holdMillis() {
        return holds.stream().mapToLong(HoldTime::millis).sum();
    }

    public HistoryEntry endedAs(String how) {
        return new HistoryEntry(start, end, millis, routine, fingerprint, stepsTotal, stepReached, steps, holds, tempo, how);
    }

    /** One line of JSON, the form {@code history.jsonl} and {@code history --json} use. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("start", start.toString());
        o.addProperty("end", end.toString());
        o.addProperty("ms", millis);
        o.addProperty("routine", routine);
        o.addProperty("fingerprint", fingerprint);
        o.addProperty("steps_total", stepsTotal);
        o.addProperty("step_reached", stepReached);
        JsonArray st = new JsonArray();
        for (StepTime s : steps) {
            JsonObject e = new JsonObject();
            e.addProperty("step", s.step());
            e.addProperty("ms", s.millis());
            st.add(e);
        }
        o.add("steps", st);
        JsonArray ho = new JsonArray();
        for (HoldTime h : holds) {
            JsonObject e = new JsonObject();
            e.addProperty("step", h.step());
            e.addProperty("ms", h.millis());
            e.addProperty("complete", h.complete());
            ho.add(e);
        }
        o.add("holds", ho);
        o.addProperty("tempo", tempo);
        o.addProperty("ended", ended);
        return o.toString();
    }

    /**
     * Reads one line written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException saying what is wrong, when the line is not such a record
     */
    public static HistoryEntry parse(String line) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException ? e : new IllegalArgumentException("not JSON", e);
        }
        try {
            List<StepTime> steps = new ArrayList<>();
            for (JsonElement e : need(o, "steps").getAsJsonArray()) {
                JsonObject s = e.getAsJsonObject();
                steps.add(new StepTime(need(s, "step").getAsInt(), need(s, "ms").getAsLong()));
            }
            List<HoldTime> holds = new ArrayList<>();
            for (JsonElement e : need(o, "holds").getAsJsonArray()) {
                JsonObject h = e.getAsJsonObject();
                holds.add(new HoldTime(need(h, "step").getAsInt(), need(h, "ms").getAsLong(),
                        need(h, "complete").getAsBoolean()));
            }
            long millis = need(o, "ms").getAsLong();
            if (millis < 0) {
                throw new IllegalArgumentException("negative duration");
            }
            return new HistoryEntry(Instant.parse(need(o, "start").getAsString()),
                    Instant.parse(need(o, "end").getAsString()), millis, need(o, "routine").getAsString(),
                    need(o, "fingerprint").getAsString(), need(o, "steps_total").getAsInt(),
                    need(o, "step_reached").getAsInt(), steps, holds, need(o, "tempo").getAsDouble(),
                    need(o, "ended").getAsString());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a field has the wrong form (" + e.getMessage() + ")", e);
        }
    }

    private static JsonElement need(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("no '" + field + "'");
        }
        return e;
    }
}
