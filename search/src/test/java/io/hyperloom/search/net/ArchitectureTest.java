package io.hyperloom.search.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchitectureTest {

    @Test
    void boxesLayoutHas14762WeightsWithSheetGeometry() {
        Architecture a = Architecture.of("boxes", Shape.grid(11, 11), new Layer.Dense(Shape.grid(11, 11), Activation.SOFTMAX, true));
        ParameterLayout l = a.layout();
        assertEquals(14_762, l.weightCount());
        ParameterTensor w = l.tensor("l0.w");
        assertEquals(List.of(121, 121), w.shape());
        // element 12 connects source neuron 12 (row 1, col 1) to target neuron 0
        assertEquals(12, w.sourceOf(12));
        assertEquals(0, w.targetOf(12));
        assertEquals(-0.8, w.source().x(12), 1e-12);
        assertEquals(-0.8, w.source().y(12), 1e-12);
        assertEquals(-1.0, w.target().x(0), 1e-12);
    }

    @Test
    void convKernelGeometryIsWindowByChannels() {
        Architecture a = Architecture.of("c", new Shape(3, 8, 8), Layer.Conv2d.same(4, 5, Activation.RELU));
        ParameterTensor k = a.layout().tensor("l0.w");
        assertEquals(List.of(4, 3, 5, 5), k.shape());
        assertEquals(new Shape(3, 5, 5), k.source());
        assertEquals(new Shape(4, 1, 1), k.target());
        assertEquals(4 * 3 * 25 + 4, a.layout().weightCount());
    }

    @Test
    void mnistConvHasTheKernelSizesOfHaEtAl() {
        Architecture a = Architecture.of("mnist-conv", new Shape(1, 28, 28),
                Layer.Conv2d.same(16, 7, Activation.RELU), new Layer.MaxPool(2, 2),
                Layer.Conv2d.same(16, 7, Activation.RELU), new Layer.MaxPool(2, 2),
                new Layer.Dense(10, Activation.SOFTMAX));
        assertEquals(12_544, a.layout().tensor("l2.w").size());
        assertEquals(new Shape(16, 7, 7), a.inputOf(4));
        assertEquals(7_840, a.layout().tensor("l4.w").size());
    }

    @Test
    void softmaxOnlyOnTheLastLayer() {
        assertThrows(IllegalArgumentException.class, () -> Architecture.of("bad", Shape.grid(1, 2),
                new Layer.Dense(2, Activation.SOFTMAX), new Layer.Dense(2, Activation.TANH)));
    }
}
