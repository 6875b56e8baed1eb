package io.hyperloom.search.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DctBenchmarkTest {

    @Test
    void runsOnTinyTensorsAndItsReferenceAgrees() {
        // run() checks that the EJML reference computes the same W and dθ, and throws if not
        DctBenchmark.Result r = DctBenchmark.dense(12, 8, 5, 3, 0);
        assertEquals(96, r.weights());
        assertEquals(5, r.coefficients());
        assertEquals(List.of(8, 12), r.shape());
        assertTrue(r.generateMillis() >= 0 && r.backwardMillis() >= 0);
        assertTrue(r.referenceGenerateMillis() >= 0 && r.referenceBackwardMillis() >= 0);
        io.hyperloom.search.net.Architecture conv = io.hyperloom.search.net.Architecture.of("c",
                new io.hyperloom.search.net.Shape(3, 6, 6), new io.hyperloom.search.net.Layer.Conv2d(4, 3, 1, 1,
                        io.hyperloom.search.net.Activation.RELU, false));
        DctBenchmark.Result c = DctBenchmark.run("conv", conv.layout().tensors().get(0), 20, 2, 0);
        assertEquals(List.of(4, 3, 3, 3), c.shape());
        String table = DctBenchmark.table(List.of(r, c));
        assertTrue(table.contains("dense 12→8") && table.contains("4×3×3×3"), table);
        assertThrows(IllegalArgumentException.class, () -> DctBenchmark.dense(12, 8, 5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> DctBenchmark.dense(12, 8, 97, 3, 0));
    }
}
