package io.hyperloom.cppn.substrate;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The weight-generator contract for a decoded CPPN: outputs PER_TENSOR, expression NONE. */
class HyperNeatExpressionOffContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        CppnFamily f = new CppnFamily(HyperNeatNaiveTwinTest.ARCH.layout(), HyperNeatNaiveTwinTest.config(true,
                SubstrateConfig.Outputs.PER_TENSOR, SubstrateConfig.Expression.NONE));
        return f.generator(Genomes.random(f, 31, 25));
    }
}
