package org.handsfree.coach.loop;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.time.SampleTime;

/**
 * The {@code --trace} file: one JSON object per line, every time in milliseconds of sample time
 * since the session started (DESIGN.md fixes the fields).
 */
public final class Trace implements AutoCloseable {
    private static final Gson GSON = new Gson();

    private final Writer out;

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
        JsonObject o = event(start, "say");
        o.addProperty("text", text);
        o.addProperty("end", SampleTime.toMillis(end));
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
        JsonObject o = event(t, "heard");
        o.addProperty("text", u.text());
        o.addProperty("intent", u.intent().toString());
        o.addProperty("confidence", Math.round(u.confidence() * 100) / 100.0);
        o.addProperty("start", SampleTime.toMillis(u.start()));
        o.addProperty("end", SampleTime.toMillis(u.end()));
        write(o);
    }

    public void rejected(long t, Rejection r) {
        JsonObject o = event(t, "rejected");
        o.addProperty("start", SampleTime.toMillis(r.start()));
        o.addProperty("end", SampleTime.toMillis(r.end()));
        write(o);
    }

    public void end(long t) {
        write(event(t, "end"));
    }

    private static JsonObject event(long t, String type) {
        JsonObject o = new JsonObject();
        o.addProperty("t", SampleTime.toMillis(t));
        o.addProperty("type", type);
        return o;
    }

    private void write(JsonObject o) {
        if (out == null) {
            return;
        }
        try {
            out.write(GSON.toJson(o));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
