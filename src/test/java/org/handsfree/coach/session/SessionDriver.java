package org.handsfree.coach.session;

import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.time.SampleTime;

/** Drives a {@link Session} through virtual time and remembers every action with when it happened. */
final class SessionDriver {
    static final String ROUTINE = """
            title: Test routine
            intro: Hello.
            safety: [Be gentle.]
            closing: All done.
            steps:
              - title: Plain
                say: Do the first thing.
                tip: Slowly does it.
              - title: Counted
                say: Count three cycles.
                rhythm:
                  beats: [press 1 s, squeeze 1 s, release 1 s, rest 1.5 s]
                  cycles: 3
                then: next
              - title: Long hold
                say: Keep going for three to five minutes.
                rhythm:
                  beats: [press 1 s, squeeze 1 s, release 1 s, rest 1.5 s]
                hold: 3-5 min
                then: next
              - title: Short hold
                say: Hold one to two minutes.
                hold: 1-2 min
              - title: Last
                say: The last thing.
            """;

    record Timed(long at, Action action) {
    }

    final Session session;
    final List<Timed> log = new ArrayList<>();
    SessionState state;
    long now;

    /** A session whose intro and safety notes have been heard: step 1 is being read. */
    SessionDriver() {
        this(parse(ROUTINE));
    }

    SessionDriver(Routine routine) {
        this(routine, true);
    }

    private SessionDriver(Routine routine, boolean pastOpening) {
        session = new Session(routine);
        apply(session.start(0));
        if (pastOpening && state.opening() > 0) {
            speechDone();
        }
    }

    /** A session that has just started: the intro and the safety notes are being said. */
    static SessionDriver inOpening() {
        return new SessionDriver(parse(ROUTINE), false);
    }

    static Routine parse(String yaml) {
        try {
            return RoutineLoader.parse("test.yaml", yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Applies a transition and returns its actions. */
    List<Action> apply(Transition t) {
        state = t.state();
        for (Action a : t.actions()) {
            log.add(new Timed(now, a));
        }
        return t.actions();
    }

    List<Action> say(Intent intent) {
        return apply(session.on(state, intent, now));
    }

    List<Action> say(Intent.Kind kind) {
        return say(Intent.of(kind));
    }

    List<Action> speechDone() {
        return apply(session.speechDone(state, now));
    }

    /** Advances virtual time in 10 ms ticks, as the loop does, and returns the actions on the way. */
    List<Action> advance(double seconds) {
        List<Action> out = new ArrayList<>();
        long until = now + SampleTime.ofSeconds(seconds);
        while (now < until) {
            now = Math.min(until, now + SampleTime.RATE / 100);
            out.addAll(apply(session.tick(state, now)));
        }
        return out;
    }

    static List<String> said(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.Say).map(a -> ((Action.Say) a).text()).toList();
    }

    static List<Action.Beat> beats(List<Action> actions) {
        return actions.stream().filter(a -> a instanceof Action.Beat).map(a -> (Action.Beat) a).toList();
    }

    /** Time at which the first Say containing {@code words} was made, or -1. */
    long whenSaid(String words) {
        return log.stream().filter(t -> t.action() instanceof Action.Say s && s.text().contains(words))
                .mapToLong(Timed::at).findFirst().orElse(-1);
    }

    /** Reaches {@code mode} by the shortest path from a fresh session. */
    static SessionDriver in(Mode mode) {
        SessionDriver d = new SessionDriver();
        switch (mode) {
            case NARRATING -> { }
            case WAITING -> d.speechDone();
            case COUNTING -> {
                d.say(Intent.of(Intent.Kind.GOTO, 3));
                d.speechDone();
            }
            case HOLDING -> {
                d.say(Intent.of(Intent.Kind.GOTO, 4));
                d.speechDone();
            }
            case PAUSED -> {
                d.say(Intent.of(Intent.Kind.GOTO, 3));
                d.speechDone();
                d.advance(10);
                d.say(Intent.Kind.PAUSE);
            }
            case CONFIRMING -> {
                d.speechDone();
                d.say(Intent.Kind.QUIT);
            }
            case FINISHED -> {
                d.say(Intent.of(Intent.Kind.GOTO, 5));
                d.say(Intent.Kind.NEXT);
            }
            case ENDED -> {
                d.say(Intent.Kind.QUIT);
                d.say(Intent.Kind.YES);
            }
            default -> throw new AssertionError(mode);
        }
        if (d.state.mode() != mode) {
            throw new AssertionError("wanted " + mode + ", reached " + d.state.mode());
        }
        return d;
    }
}
