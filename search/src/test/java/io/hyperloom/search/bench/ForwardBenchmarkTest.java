package io.hyperloom.search.bench;

import io.hyperloom.search.kernel.PlainKernel;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark engine on tiny settings: it runs, and its rows and FLOP counts are sane. No timing claims. */
class ForwardBenchmarkTest {

    private static final ForwardBenchmark.Options TINY = new ForwardBenchmark.Options(1, 0.0, 3, List.of(2, 5));

    @Test
    void producesFinitePositiveRowsForEveryCase() {
        ForwardBenchmark.Result result = ForwardBenchmark.run(TINY);
        assertEquals(6, result.rows().size());
        for (ForwardBenchmark.Row r : result.rows()) {
            assertTrue(Double.isFinite(r.gflops()) && r.gflops() > 0, r.toString());
            assertTrue(Double.isFinite(r.referenceGflops()) && r.referenceGflops() > 0, r.toString());
            assertTrue(Double.isFinite(r.ratio()) && r.ratio() > 0, r.toString());
        }
        assertTrue(result.rows().get(0).what().startsWith("boxes-11 forward, batch 3"));
        assertEquals("3×121 · 121×121", result.rows().get(0).reference());
        assertEquals("5×784 · 784×256", result.rows().get(5).reference());
    }

    @Test
    void tableHasHeaderAndOneLinePerRow() {
        ForwardBenchmark.Result result = ForwardBenchmark.run(TINY, PlainKernel.INSTANCE);
        String[] lines = result.table().split("\n");
        assertEquals(2 + result.rows().size(), lines.length);
        assertTrue(lines[0].startsWith("kernel plain"));
        assertTrue(lines[1].contains("ratio"));
        assertTrue(lines[3].contains("boxes-11 forward+backward, batch 3"));
    }

    @Test
    void countsOnlyTheProductsTheNetworkDoes() {
        Architecture mlp = ForwardBenchmark.mlp();
        assertEquals(784L * 256 + 256L * 10, ForwardBenchmark.forwardMultiplyAdds(mlp));
        // dW for both layers, dX only for the second (the input needs no gradient)
        assertEquals(784L * 256 + 2 * 256L * 10, ForwardBenchmark.backwardMultiplyAdds(mlp));
        Architecture rnn = Architecture.of("rnn", Shape.vector(4),
                new Layer.Recurrent(3, Activation.TANH), new Layer.Dense(2, Activation.IDENTITY));
        assertEquals(4 * 3 + 3 * 3 + 3 * 2, ForwardBenchmark.forwardMultiplyAdds(rnn));
        // layer 0: dW 4·3, dU 3·3, carry 3·3; layer 1: dW 3·2, dX 3·2
        assertEquals(12 + 9 + 9 + 6 + 6, ForwardBenchmark.backwardMultiplyAdds(rnn));
        Architecture conv = Architecture.of("conv", new Shape(2, 5, 5),
                Layer.Conv2d.same(3, 3, Activation.RELU), new Layer.MaxPool(5, 5));
        assertEquals(3L * 2 * 9 * 25, ForwardBenchmark.forwardMultiplyAdds(conv));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardBenchmark.Options(0, 0.1, 75, List.of(500)));
        assertThrows(IllegalArgumentException.class, () -> new ForwardBenchmark.Options(1, -1, 75, List.of(500)));
        assertThrows(IllegalArgumentException.class, () -> new ForwardBenchmark.Options(1, 0.1, 0, List.of(500)));
        assertThrows(IllegalArgumentException.class, () -> new ForwardBenchmark.Options(1, 0.1, 75, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ForwardBenchmark.Options(1, 0.1, 75, List.of(0)));
    }
}
