package io.hyperloom.search.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DctBenchmarkTest {

    @Test
    void runsOnATinyTensor() {
        DctBenchmark.Result r = DctBenchmark.run(12, 8, 5, 3);
        assertEquals(96, r.weights());
        assertEquals(5, r.coefficients());
        assertTrue(r.generateMillis() >= 0 && r.backwardMillis() >= 0);
        assertThrows(IllegalArgumentException.class, () -> DctBenchmark.run(12, 8, 5, 0));
    }
}
