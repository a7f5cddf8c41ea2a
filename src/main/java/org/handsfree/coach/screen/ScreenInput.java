package org.handsfree.coach.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.loop.CommandInput;
import org.handsfree.coach.session.Intent;
import org.handsfree.coach.session.Intent.Kind;

/**
 * The screen's buttons as a source of commands: each press becomes the same intent a spoken phrase
 * would, taken by the loop at its next frame.
 */
public final class ScreenInput implements CommandInput {
    /** What the buttons can ask for, and the phrase each stands for. */
    static final Map<String, String> BUTTONS = Map.of("next", "next", "back", "go back", "repeat", "repeat",
            "pause", "pause", "resume", "resume", "yes", "yes", "no", "no");

    private final ConcurrentLinkedQueue<String> pressed = new ConcurrentLinkedQueue<>();

    /** A button was pressed; returns false (and queues nothing) when it is not one of {@link #BUTTONS}. */
    public boolean press(String intent) {
        if (!BUTTONS.containsKey(intent)) {
            return false;
        }
        pressed.add(intent);
        return true;
    }

    /** The intent a button name stands for, if it is one. */
    static Optional<Intent> intentOf(String button) {
        return BUTTONS.containsKey(button) ? Optional.of(Intent.of(Kind.valueOf(button.toUpperCase(java.util.Locale.ROOT))))
                : Optional.empty();
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        List<Hearing> out = new ArrayList<>();
        String b;
        while ((b = pressed.poll()) != null) {
            out.add(new Utterance(BUTTONS.get(b), intentOf(b).orElseThrow(), 1.0, now, now));
        }
        return out;
    }

    @Override
    public boolean ended() {
        return false;
    }
}
