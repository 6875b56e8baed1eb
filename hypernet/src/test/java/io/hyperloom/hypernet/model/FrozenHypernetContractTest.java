package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The contract with H frozen (train=embeddings): θ = embeddings and the direct bias. */
class FrozenHypernetContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return FrozenHypernetFamily.of(Layouts.DENSE_25.layout(),
                new HypernetConfig(4, 3, 5, 5, HypernetConfig.LARGEST, Initialisation.LECUN), 9, 0.1).generator();
    }
}
