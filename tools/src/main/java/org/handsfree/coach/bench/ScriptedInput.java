package org.handsfree.coach.bench;

import java.util.ArrayList;
import java.util.List;
import org.handsfree.coach.listen.Hearing;
import org.handsfree.coach.listen.Utterance;
import org.handsfree.coach.loop.CommandInput;
import org.handsfree.coach.session.Intent;

/**
 * Commands at fixed sample times, and an end: for benchmarks and tests that drive the real loop
 * without a keyboard or a recogniser.
 */
public final class ScriptedInput implements CommandInput {
    /** One command and the sample at which it is heard. */
    public record Cue(long at, String text, Intent intent) {
    }

    private final List<Cue> cues;
    private final long endAt;
    private int next;
    private boolean ended;

    public ScriptedInput(List<Cue> cues, long endAt) {
        this.cues = List.copyOf(cues);
        this.endAt = endAt;
    }

    @Override
    public List<Hearing> poll(long now, int n) {
        List<Hearing> out = new ArrayList<>();
        while (next < cues.size() && cues.get(next).at() < now + n) {
            Cue c = cues.get(next++);
            out.add(new Utterance(c.text(), c.intent(), 1.0, c.at(), c.at()));
        }
        ended = now >= endAt;
        return out;
    }

    @Override
    public boolean ended() {
        return ended;
    }
}
