package org.handsfree.coach.loop;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.time.SampleTime;

/**
 * The {@code --trace} file: one JSON object per line, every time in milliseconds of sample time
 * since the session started (DESIGN.md fixes the fields).
 *
 * <p>Lines are in time order and each is flushed as soon as it is written, so a session stopped by
 * Ctrl-C or kill -9 leaves a trace that is whole up to then. Some events are known only after their
 * time (speech is traced when it ends, stamped with its start), so events wait here until the loop
 * {@link #release releases} their time.
 */
public final class Trace implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private record Pending(long t, long seq, String line) {
    }

    private final Writer out;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong(Pending::t).thenComparingLong(Pending::seq));
    private long seq;

    private Trace(Writer out) {
        this.out = out;
    }

    public static Trace to(Path file) throws IOException {
        return new Trace(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public static Trace to(Writer writer) {
        return new Trace(writer);
    }

    /** A trace that writes nothing. */
    public static Trace none() {
        return new Trace(null);
    }

    public void step(long t, int step) {
        JsonObject o = event(t, "step");
        o.addProperty("step", step);
        write(o);
    }

    public void state(long t, Mode mode) {
        JsonObject o = event(t, "state");
        o.addProperty("state", mode.wireName());
        write(o);
    }

    /** Speech from its first to its last output sample. */
    public void say(long start, String text, long end) {
        say(start, text, end, -1, -1);
    }

    /**
     * Speech from its first to its last output sample; at real pace also how long its rendering took on the wall
     * clock ({@code renderMs}) and how far the loop's clock was behind the wall clock once it was rendered
     * ({@code lateMs}: the speech is heard that much after its sample time). A negative value leaves a field out
     * (a trace in sample time stays the same for the same input).
     */
    public void say(long start, String text, long end, double renderMs, double lateMs) {
        JsonObject o = event(start, "say");
        o.addProperty("text", text);
        o.addProperty("end", SampleTime.toMillis(end));
        if (renderMs >= 0) {
            o.addProperty("renderMs", Math.round(renderMs * 10) / 10.0);
        }
        if (lateMs >= 0) {
            o.addProperty("lateMs", Math.round(lateMs * 10) / 10.0);
        }
        write(o);
    }

    /** A beat, at its audible onset in the output. */
    public void beat(long onset, String word, long cycle) {
        JsonObject o = event(onset, "beat");
        o.addProperty("word", word);
        o.addProperty("cycle", cycle);
        write(o);
    }

    public void heard(long t, Utterance u) {
        heard(t, u, null);
    }

    /** A command; {@code from} names where it came from when that is not the usual input ("screen"), else null. */
    public void heard(long t, Utterance u, String from) {
        heard(t, u, from, null);
    }

    /**
     * A command; at real pace, where {@code wallToSample} maps the wall clock ({@link System#nanoTime()}) to the loop's
     * samples (null otherwise: a trace in sample time stays the same for the same input), with its decoding's timing
     * when it has one: {@code decodeAt}, when the decode began, in ms after the end of the speech; {@code decodeMs}, the
     * whole judging of the stretch (its features, the grammar search, the phone-loop pass, the verdict);
     * {@code phoneLoopMs}, that pass's share; {@code reportedAt}, when the stream reported the verdict (at the quick
     * end or the full hang), in ms after the end of the speech. The event's own {@code t} is when the loop took it.
     */
    public void heard(long t, Utterance u, String from, java.util.function.LongUnaryOperator wallToSample) {
        JsonObject o = event(t, "heard");
        o.addProperty("text", u.text());
        o.addProperty("intent", u.intent().toString());
        o.addProperty("confidence", Math.round(u.confidence() * 100) / 100.0);
        o.addProperty("start", SampleTime.toMillis(u.start()));
        o.addProperty("end", SampleTime.toMillis(u.end()));
        if (u.context() != null) {
            o.addProperty("context", u.context().wireName());
        }
        if (from != null) {
            o.addProperty("from", from);
        }
        Utterance.Timing timing = u.timing();
        if (timing != null && wallToSample != null) {
            o.addProperty("decodeAt", SampleTime.toMillis(wallToSample.applyAsLong(timing.decodeStartNanos()) - u.end()));
            o.addProperty("decodeMs", Math.round((timing.decodeEndNanos() - timing.decodeStartNanos()) / 1e5) / 10.0);
            o.addProperty("phoneLoopMs", Math.round(timing.phoneLoopNanos() / 1e5) / 10.0);
            o.addProperty("reportedAt", SampleTime.toMillis(wallToSample.applyAsLong(timing.reportedNanos()) - u.end()));
        }
        write(o);
    }

    public void rejected(long t, Rejection r) {
        JsonObject o = event(t, "rejected");
        o.addProperty("start", SampleTime.toMillis(r.start()));
        o.addProperty("end", SampleTime.toMillis(r.end()));
        if (r.context() != null) {
            o.addProperty("context", r.context().wireName());
        }
        write(o);
    }

    public void end(long t) {
        write(event(t, "end"));
        release(Long.MAX_VALUE);
    }

    /** Writes, in time order, every event stamped at or before sample {@code t}: nothing earlier can come any more. */
    public synchronized void release(long t) {
        long ms = t == Long.MAX_VALUE ? Long.MAX_VALUE : SampleTime.toMillis(t);
        if (out == null || pending.isEmpty() || pending.peek().t() > ms) {
            return;
        }
        try {
            while (!pending.isEmpty() && pending.peek().t() <= ms) {
                out.write(pending.poll().line());
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace: " + e.getMessage(), e);
        }
    }

    private static JsonObject event(long t, String type) {
        JsonObject o = new JsonObject();
        o.addProperty("t", SampleTime.toMillis(t));
        o.addProperty("type", type);
        return o;
    }

    private synchronized void write(JsonObject o) {
        if (out == null) {
            return;
        }
        pending.add(new Pending(o.get("t").getAsLong(), seq++, GSON.toJson(o)));
    }

    /**
     * Writes everything still waiting, as when the process is being stopped (Ctrl-C): better a line
     * or two out of order than lost.
     */
    public void flushAll() {
        try {
            release(Long.MAX_VALUE);
        } catch (UncheckedIOException e) {
            // Stopping anyway; the lines already written stay.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        release(Long.MAX_VALUE);
        if (out != null) {
            out.close();
        }
    }
}
