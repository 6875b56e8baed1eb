package io.hyperloom.cppn.coordnet;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;
import io.hyperloom.search.net.Activation;
import io.hyperloom.search.net.Architecture;
import io.hyperloom.search.net.Layer;
import io.hyperloom.search.net.Shape;
import io.hyperloom.search.option.Options;

import java.util.Map;

/** The weight-generator contract for a coordinate network generating two of three tensors, tanh hidden. */
class CoordnetContractTest extends WeightGeneratorContract {

    static final Architecture ARCH = Architecture.of("small", new Shape(1, 3, 4),
            new Layer.Dense(5, Activation.TANH), new Layer.Dense(3, Activation.TANH));

    static CoordnetFamily family(Map<String, String> options) {
        CoordnetProvider p = new CoordnetProvider();
        return (CoordnetFamily) p.create(ARCH.layout(), new Options(p.resolve(options).values()));
    }

    @Override
    protected WeightGenerator generator() {
        return family(Map.of("widths", "4,3", "generate", "all-weights")).generator();
    }
}
