package io.hyperloom.cppn.substrate;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The weight-generator contract for a decoded CPPN: outputs SHARED, expression THRESHOLD. */
class HyperNeatSharedThresholdContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        CppnFamily f = new CppnFamily(HyperNeatNaiveTwinTest.ARCH.layout(), HyperNeatNaiveTwinTest.config(false,
                SubstrateConfig.Outputs.SHARED, SubstrateConfig.Expression.THRESHOLD));
        return f.generator(Genomes.random(f, 32, 25));
    }
}
