package org.handsfree.coach.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.handsfree.coach.time.SampleTime;
import org.handsfree.coach.routine.Routine;
import org.handsfree.coach.routine.RoutineLoader;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Session;
import org.handsfree.coach.session.SessionState;
import org.junit.jupiter.api.Test;

final class ConsoleDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Routine routine = RoutineLoader.builtIn();
    private final ConsoleDisplay display = new ConsoleDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            routine, true);

    private String screen() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void status_isDrawnFromTheFirstFrame_andAtMostTenTimesASecond() {
        Session session = new Session(routine);
        SessionState s = session.start(0).state();
        display.status(s, 160);
        assertEquals("\r\033[Kstep 1/" + routine.size() + " · narrating", screen());
        SessionState paused = session.on(s, Intent.of(Intent.Kind.PAUSE), 320).state();
        display.status(paused, 480);
        assertEquals("\r\033[Kstep 1/" + routine.size() + " · narrating", screen(), "not redrawn within 0.1 s");
        display.status(paused, 160 + SampleTime.RATE / 10);
        assertEquals("\r\033[Kstep 1/" + routine.size() + " · narrating\r\033[Kstep 1/" + routine.size() + " · paused",
                screen());
    }

    @Test
    void status_showsTheHoldTimerAndTheBeat() {
        Session session = new Session(routine);
        int counted = 0;
        for (int n = 1; n <= routine.size(); n++) {
            if (routine.step(n).rhythm().isPresent() && routine.step(n).hold().isPresent()) {
                counted = n;
                break;
            }
        }
        assertTrue(counted > 0, "the built-in routine has a counted, timed step");
        SessionState opened = session.speechDone(session.start(0).state(), 0).state();
        SessionState s = session.on(opened, Intent.of(Intent.Kind.GOTO, counted), 0).state();
        s = session.speechDone(s, 0).state();
        display.beat("squeeze", 2);
        long now = SampleTime.ofSeconds(83);
        display.status(session.tick(s, now).state(), now);
        assertTrue(screen().contains("step " + counted + "/" + routine.size() + " · counting · squeeze · hold 1:23 of "),
                screen());
    }
}
