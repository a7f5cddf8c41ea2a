package org.handsfree.coach.loop;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.Mixer;
import org.handsfree.coach.audio.PlayedSignal;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Rejection;
import org.handsfree.coach.listen.SelfHearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.session.Action;
import org.handsfree.coach.session.Mode;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;
import org.handsfree.coach.session.Transition;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.voice.Synthesizer;

/**
 * The coach, frame by frame, on one clock: input → session → voice and beats → mixer → sink.
 * Time is the count of samples processed, never the wall clock; in real time the loop only waits
 * for the wall clock to catch up, so the same input gives the same trace.
 */
public final class CoachLoop {
    /** 10 ms frames. */
    public static final int FRAME = SampleTime.FRAME;
    /** Each volume level is 2.5 dB. */
    public static final double DB_PER_VOLUME_LEVEL = 2.5;
    /** The level that plays clips as synthesised; kevin16 peaks near -6 dBFS, so the top level (+5 dB) doesn't clip. */
    public static final int UNITY_VOLUME = 8;

    private final Session session;
    private final CommandInput input;
    private final Synthesizer voice;
    private final AudioSink sink;
    private final Trace trace;
    private final Display display;
    private final boolean realTime;
    private final Mixer mixer;
    private SessionState state;
    private long now;
    private long drainedAt = -1;
    private boolean endedByInput;
    private Progress progress = Progress.none();
    private Transition opening;
    private final List<LoopWatcher> watchers = new ArrayList<>();
    private CommandInput extra;
    private String extraSource;
    /** Where speech was rejected lately, for the busy-room suggestion. */
    private final ArrayDeque<Long> rejectedSpeech = new ArrayDeque<>();
    private boolean suggestedAddress;
    /** "Sorry, say that again?" was said since the last command heard. */
    private boolean askedAgain;
    /** The addressed mode's word, or null when it is off. */
    private String address;
    /** Where the played signal is tapped for the listening side (its echo canceller, a simulated room); null: nowhere. */
    private PlayedSignal played;
    /** Is a command heard from sound the coach's own voice? Told every frame the coach plays. */
    private final SelfHearing selfHearing = SelfHearing.builtIn();
    /** The wall clock ({@link System#nanoTime()}) at sample 0, for real-pace timing in the trace. */
    private long startNanos;
    /** Speech said but not yet traced: its rendering's wall time and, at real pace, how late the loop then was (ms). */
    private final java.util.Map<String, double[]> rendering = new java.util.HashMap<>();

    /** This many stretches of speech rejected within {@link #BUSY_WINDOW} make the room busy. */
    public static final int BUSY_STRETCHES = 10;
    public static final long BUSY_WINDOW = SampleTime.ofSeconds(180);
    public static final String BUSY_SUGGESTION = "It is busy here. Say coach before a command, or keep going as you are.";
    public static final String SAY_AGAIN = "Sorry, say that again?";

    public CoachLoop(Session session, CommandInput input, Synthesizer voice, AudioSink sink, Trace trace,
                     Display display, boolean realTime) {
        this.session = session;
        this.input = input;
        this.voice = voice;
        this.sink = sink;
        this.trace = trace;
        this.display = display;
        this.realTime = realTime;
        this.mixer = new Mixer(new Mixer.Listener() {
            @Override
            public void spoke(String text, long start, long end) {
                double[] r = rendering.remove(text);
                trace.say(start, text, end, r == null ? -1 : r[0], r == null ? -1 : r[1]);
            }

            @Override
            public void beat(String word, long cycle, long onset) {
                trace.beat(onset, word, cycle);
                display.beat(word, cycle);
                watchers.forEach(w -> w.beat(word, cycle, now));
            }

            @Override
            public void drained(long at) {
                drainedAt = at;
            }
        });
    }

    /** Addressed mode: only commands said after {@code word} count (the recognizer enforces it); no busy-room hint. */
    public CoachLoop addressedBy(String word) {
        this.address = word;
        return this;
    }

    /**
     * Writes every frame the coach plays into {@code tap} as it plays it, so the listening side can
     * take its own voice out of what it hears.
     */
    public CoachLoop playingInto(PlayedSignal tap) {
        this.played = tap;
        return this;
    }

    /** Keeps the user's place in {@code p} as it changes. */
    public CoachLoop keepingProgressIn(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * Begins with {@code first} (made by the session at sample 0, such as an offer to resume) instead
     * of a plain start.
     */
    public CoachLoop openingWith(Transition first) {
        this.opening = first;
        return this;
    }

    /** Tells {@code w} everything that happens, as it happens. */
    public CoachLoop watchedBy(LoopWatcher w) {
        watchers.add(w);
        return this;
    }

    /**
     * Also takes commands from {@code more} (the companion screen's buttons): the same session, the
     * same rules, and the trace marks them {@code "from": source}.
     */
    public CoachLoop takingCommandsFrom(String source, CommandInput more) {
        this.extraSource = source;
        this.extra = more;
        return this;
    }

    /** Runs the session until it ends or the input does; returns the final state. */
    public SessionState run() throws IOException {
        short[] frame = new short[FRAME];
        startNanos = System.nanoTime();
        mixer.setGain(gainOf(Session.DEFAULT_VOLUME));
        apply(null, opening != null ? opening : session.start(0));
        while (true) {
            for (Hearing h : input.poll(now, FRAME)) {
                hear(h, null);
            }
            if (extra != null) {
                for (Hearing h : extra.poll(now, FRAME)) {
                    hear(h, extraSource);
                }
            }
            input.notice().ifPresent(text -> apply(state, session.tell(state, text, now)));
            if (input.ended() && state.mode() != Mode.ENDED) {
                mixer.hush();
                endedByInput = true;
                apply(state, session.stop(state, now));
                break;
            }
            apply(state, session.tick(state, now));
            mixer.render(now, frame);
            sink.write(frame, FRAME);
            if (played != null) {
                played.write(frame, FRAME, now);
            }
            selfHearing.played(frame, now);
            now += FRAME;
            if (drainedAt >= 0) {
                long at = drainedAt;
                drainedAt = -1;
                apply(state, session.speechDone(state, at));
            }
            display.status(state, now);
            trace.release(mixer.openSince(now));
            for (LoopWatcher w : watchers) {
                w.frame(state, now, input.listening());
            }
            if (state.mode() == Mode.ENDED && !mixer.speaking()) {
                break;
            }
            if (realTime && !sink.paces() && !input.paces()) {
                long due = startNanos + now * 1_000_000_000L / SampleTime.RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        trace.end(now);
        for (LoopWatcher w : watchers) {
            w.ended(state, now, endedByInput);
        }
        return state;
    }

    /** Linear output gain of a volume level. */
    public static double gainOf(int level) {
        return Levels.fromDb((level - UNITY_VOLUME) * DB_PER_VOLUME_LEVEL);
    }

    /** True when the session ended because its input did (stdin closed, end of file), not by "quit". */
    public boolean endedByInput() {
        return endedByInput;
    }

    private void hear(Hearing h, String from) {
        if (h instanceof Utterance u && from == null && input.hearsTheRoom() && selfHearing.selfHeard(u, now)) {
            trace.rejected(now, new Rejection(u.start(), u.end(), u.context(), Rejection.Kind.SPEECH));
            watchers.forEach(w -> w.rejected(now));
            return;
        }
        if (h instanceof Utterance u) {
            trace.heard(now, u, from, realTime ? this::sampleAt : null);
            display.heard(u.text());
            watchers.forEach(w -> w.heard(u, from, now));
            askedAgain = false;
            apply(state, session.on(state, u.intent(), now));
        } else if (h instanceof Rejection r) {
            trace.rejected(now, r);
            watchers.forEach(w -> w.rejected(now));
            rejected(r);
        }
    }

    /**
     * A command of the moment that was not clear enough gets "Sorry, say that again?", once until a
     * command is heard; a room where a lot of speech is rejected gets the addressed mode suggested, once.
     */
    private void rejected(Rejection r) {
        if (state.mode() == Mode.ENDED || r.kind() == Rejection.Kind.SOUND) {
            return;
        }
        if (r.kind() == Rejection.Kind.UNCLEAR && !askedAgain) {
            askedAgain = true;
            apply(state, session.tell(state, SAY_AGAIN, now));
            return;
        }
        rejectedSpeech.addLast(r.end());
        while (!rejectedSpeech.isEmpty() && rejectedSpeech.peekFirst() < now - BUSY_WINDOW) {
            rejectedSpeech.removeFirst();
        }
        if (address == null && !suggestedAddress && rejectedSpeech.size() >= BUSY_STRETCHES) {
            suggestedAddress = true;
            apply(state, session.tell(state, BUSY_SUGGESTION, now));
        }
    }

    /**
     * Saves the step as it changes; forgets it when the routine is finished or the user ends it. When
     * the input is lost (end of file, stdin closed, a device gone) the place is kept for next time.
     */
    private void remember(SessionState before, SessionState after) {
        boolean over = after.mode() == Mode.FINISHED || after.mode() == Mode.ENDED && !endedByInput;
        boolean wasOver = before != null && (before.mode() == Mode.FINISHED || before.mode() == Mode.ENDED);
        if (over && !wasOver) {
            progress.done();
        } else if (!over && after.mode() != Mode.ENDED && (before == null || before.step() != after.step()
                || wasOver)) {
            progress.at(after.step());
        }
    }

    private void apply(SessionState before, Transition t) {
        SessionState after = t.state();
        if (before == null || before.step() != after.step()) {
            trace.step(now, after.step());
        }
        if (before == null || before.mode() != after.mode()) {
            trace.state(now, after.mode());
        }
        remember(before, after);
        state = after;
        input.listenFor(after.context());
        for (LoopWatcher w : watchers) {
            w.changed(before, after, now);
        }
        for (Action a : t.actions()) {
            if (a instanceof Action.Say say) {
                say(say.text(), say.cut());
            } else if (a instanceof Action.Beat beat) {
                mixer.scheduleBeat(beat.word(), beat.cycle(), beat.at(), voice.render(beat.word()));
            } else if (a instanceof Action.CancelBeats cancel) {
                mixer.cancelBeats(cancel.from());
            } else if (a instanceof Action.SetVolume v) {
                mixer.setGain(gainOf(v.level()));
            }
        }
        if (after.mode() == Mode.FINISHED && (before == null || before.mode() != Mode.FINISHED)) {
            for (LoopWatcher w : watchers) {
                w.summary(now).ifPresent(text -> say(text, false));
            }
        }
    }

    /** The loop's sample of the wall-clock instant {@code nanos} (at real pace, where the two run together). */
    private long sampleAt(long nanos) {
        return (nanos - startNanos) * SampleTime.RATE / 1_000_000_000L;
    }

    private void say(String text, boolean cut) {
        long t0 = System.nanoTime();
        org.handsfree.coach.audio.Clip clip = voice.render(text);
        if (realTime) {
            long t1 = System.nanoTime();
            rendering.put(text, new double[] {(t1 - t0) / 1e6, Math.max(0, SampleTime.toMillis(sampleAt(t1) - now))});
        }
        mixer.say(text, clip, cut);
        display.said(text);
        for (LoopWatcher w : watchers) {
            w.said(text, now);
        }
    }
}
