package org.handsfree.coach.routine;

import java.util.List;

/**
 * A routine the coach walks a user through: an intro, safety notes, numbered steps and a closing.
 * Immutable; built by {@link RoutineLoader}.
 */
public record Routine(String title, String intro, List<String> safety, List<Step> steps, String closing) {
    public Routine {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a routine needs at least one step");
        }
        safety = List.copyOf(safety);
        steps = List.copyOf(steps);
    }

    /** The step with 1-based number {@code n}. */
    public Step step(int n) {
        return steps.get(n - 1);
    }

    public int size() {
        return steps.size();
    }
}
