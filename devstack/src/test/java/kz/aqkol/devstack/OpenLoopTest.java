package kz.aqkol.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenLoopTest {

    @Test
    void worstPerSecondShowsAStallAsTheSecondsItHappenedIn() {
        // 4 requests a second for 2.5 s: a clean second, a second with a 4.31 s stall, a half second
        long[] latencies = {2_000_000, 12_400_000, 3_000_000, 1_000_000,
                9_000_000, 4_310_000_000L, 3_305_000_000L, 8_000_000,
                7_600_000, 6_000_000};

        assertEquals("12 4310 8", OpenLoop.worstPerSecond(latencies, 4));
    }
}
