package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The contract on a 25×25 dense layer from 5×5 tiles, its bias searched directly. */
class HypernetDenseContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return new HypernetWeightGenerator(Layouts.DENSE_25.layout(),
                new HypernetConfig(4, 3, 5, 5, HypernetConfig.LARGEST, Initialisation.LECUN));
    }
}
