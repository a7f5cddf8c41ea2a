package org.handsfree.coach.routine;

import java.util.List;
import java.util.OptionalInt;

/** A counted cycle of beats ("press, squeeze, release, rest"), optionally for a fixed number of cycles. */
public record Rhythm(List<Beat> beats, OptionalInt cycles) {
    public Rhythm {
        if (beats.isEmpty()) {
            throw new IllegalArgumentException("a rhythm needs at least one beat");
        }
        beats = List.copyOf(beats);
        if (cycles.isPresent() && cycles.getAsInt() < 1) {
            throw new IllegalArgumentException("cycles must be at least 1, got " + cycles.getAsInt());
        }
    }

    /** Length of one cycle at normal tempo, in seconds. */
    public double cycleSeconds() {
        return beats.stream().mapToDouble(Beat::seconds).sum();
    }

    /** Offset of beat {@code i} from the start of its cycle, at normal tempo, in seconds. */
    public double offsetSeconds(int i) {
        double sum = 0;
        for (int k = 0; k < i; k++) {
            sum += beats.get(k).seconds();
        }
        return sum;
    }
}
