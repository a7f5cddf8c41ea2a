package org.handsfree.coach.loop;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import org.handsfree.coach.audio.AudioSink;
import org.handsfree.coach.audio.Levels;
import org.handsfree.coach.audio.Mixer;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Rejection;
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
    /** Which of the last frames had the coach's own output audible, by frame number. */
    private final boolean[] audible = new boolean[1024];

    /** While the coach is audible (and this long after), commands heard from sound need more confidence. */
    public static final long SELF_HEARING_TAIL = SampleTime.ofMillis(300);
    /**
     * A command said over the coach's own voice needs this much confidence. The echo canceller and
     * the listener's echo margin keep the coach's voice out of what is heard (0 self-triggers in the
     * loop benchmark with no extra confidence at all); this margin is for real rooms, whose echo is
     * never cancelled as well as the simulation's.
     */
    public static final double OVER_SPEECH_CONFIDENCE = 0.6;

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
                trace.say(start, text, end);
            }

            @Override
            public void beat(String word, long cycle, long onset) {
                trace.beat(onset, word, cycle);
                display.beat(word, cycle);
            }

            @Override
            public void drained(long at) {
                drainedAt = at;
            }
        });
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

    /** Runs the session until it ends or the input does; returns the final state. */
    public SessionState run() throws IOException {
        short[] frame = new short[FRAME];
        long startNanos = System.nanoTime();
        mixer.setGain(gainOf(Session.DEFAULT_VOLUME));
        apply(null, opening != null ? opening : session.start(0));
        while (true) {
            for (Hearing h : input.poll(now, FRAME)) {
                hear(h);
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
            input.played(frame, now);
            audible[(int) ((now / FRAME) % audible.length)] = Levels.rms(frame, 0, FRAME) > 1e-4;
            now += FRAME;
            if (drainedAt >= 0) {
                long at = drainedAt;
                drainedAt = -1;
                apply(state, session.speechDone(state, at));
            }
            display.status(state, now);
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

    private void hear(Hearing h) {
        if (h instanceof Utterance u && input.hearsTheRoom() && selfHeard(u)) {
            trace.rejected(now, new Rejection(u.start(), u.end()));
            return;
        }
        if (h instanceof Utterance u) {
            trace.heard(now, u);
            display.heard(u.text());
            apply(state, session.on(state, u.intent(), now));
        } else if (h instanceof Rejection r) {
            trace.rejected(now, r);
        }
    }

    /**
     * True when a command heard from sound overlaps the coach's own output and is not clear enough to
     * be sure it isn't the coach's own voice.
     */
    private boolean selfHeard(Utterance u) {
        boolean overlaps = false;
        long first = Math.max(0, Math.max(u.start() - SELF_HEARING_TAIL, now - (long) (audible.length - 1) * FRAME));
        for (long t = first; t <= u.end() && t < now; t += FRAME) {
            overlaps |= audible[(int) ((t / FRAME) % audible.length)];
        }
        if (!overlaps) {
            return false;
        }
        return u.confidence() < OVER_SPEECH_CONFIDENCE;
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
        for (Action a : t.actions()) {
            if (a instanceof Action.Say say) {
                mixer.say(say.text(), voice.render(say.text()), say.cut());
                display.said(say.text());
            } else if (a instanceof Action.Beat beat) {
                mixer.scheduleBeat(beat.word(), beat.cycle(), beat.at(), voice.render(beat.word()));
            } else if (a instanceof Action.CancelBeats cancel) {
                mixer.cancelBeats(cancel.from());
            } else if (a instanceof Action.SetVolume v) {
                mixer.setGain(gainOf(v.level()));
            }
        }
    }
}
