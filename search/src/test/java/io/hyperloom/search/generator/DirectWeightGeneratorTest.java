package io.hyperloom.search.generator;

import io.hyperloom.search.generator.direct.DirectWeightGenerator;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class DirectWeightGeneratorTest extends WeightGeneratorContract {

    private static final Architecture ARCH = Architecture.of("small", new Shape(2, 5, 5),
            Layer.Conv2d.same(3, 3, Activation.RELU), new Layer.Dense(4, Activation.SOFTMAX));

    @Override
    protected WeightGenerator generator() {
        return new DirectWeightGenerator(ARCH.layout());
    }

    @Test
    void weightsAreTheta() {
        WeightGenerator g = generator();
        double[] theta = theta(g, 9);
        assertArrayEquals(theta, g.generate(theta, new double[theta.length]), 0.0);
    }
}
