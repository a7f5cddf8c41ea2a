package org.handsfree.coach.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SpeedBenchmarkTest {
    @Test
    void heldOut_fsddSpeakers_byName() {
        assertFalse(SpeedBenchmark.heldOut("fsdd:george"));
        assertFalse(SpeedBenchmark.heldOut("fsdd:lucas"));
        assertTrue(SpeedBenchmark.heldOut("fsdd:theo"));
        assertTrue(SpeedBenchmark.heldOut("fsdd:yweweler"));
    }

    @Test
    void heldOut_otherSpeakers_byFirstHexDigitOfSha256() {
        // sha256("wuw2:00030") starts e19e, "wuw2:00038" 3416, "an4:fash" 6641 (python3 hashlib).
        assertTrue(SpeedBenchmark.heldOut("wuw2:00030"));
        assertFalse(SpeedBenchmark.heldOut("wuw2:00038"));
        assertFalse(SpeedBenchmark.heldOut("an4:fash"));
    }

    @Test
    void median_oddAndEven() {
        assertEquals(3.0, SpeedBenchmark.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, SpeedBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
