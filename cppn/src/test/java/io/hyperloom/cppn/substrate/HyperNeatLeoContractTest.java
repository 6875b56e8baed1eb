package io.hyperloom.cppn.substrate;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The weight-generator contract for a decoded CPPN: outputs PER_TENSOR, expression LEO. */
class HyperNeatLeoContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        CppnFamily f = new CppnFamily(HyperNeatNaiveTwinTest.ARCH.layout(), HyperNeatNaiveTwinTest.config(true,
                SubstrateConfig.Outputs.PER_TENSOR, SubstrateConfig.Expression.LEO));
        return f.generator(Genomes.random(f, 33, 25));
    }
}
