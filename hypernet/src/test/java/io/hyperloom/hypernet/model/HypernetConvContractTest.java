package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The contract on a small convnet, both tensors generated from 2×2-channel tiles (edge tiles cropped). */
class HypernetConvContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return new HypernetWeightGenerator(Layouts.SMALL_CONV.layout(),
                new HypernetConfig(3, 2, 2, 2, HypernetConfig.ALL_WEIGHTS, Initialisation.LECUN));
    }
}
