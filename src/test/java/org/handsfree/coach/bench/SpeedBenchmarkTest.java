package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SpeedBenchmarkTest {
    @Test
    void median_oddAndEven() {
        assertEquals(3.0, SpeedBenchmark.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, SpeedBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
