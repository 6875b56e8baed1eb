package io.hyperloom.hypernet.model;

import io.hyperloom.search.generator.Initialisation;
import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/**
 * The contract on conv, recurrent and dense tensors, some generated and some direct; the recurrent
 * U (5×5) and the dense W (3×5) share one H through their common 3×2 tile shape.
 */
class HypernetMixedContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return new HypernetWeightGenerator(Layouts.MIXED.layout(),
                new HypernetConfig(2, 3, 3, 2, "l0.w,l2.u,l3.w", Initialisation.HE));
    }
}
