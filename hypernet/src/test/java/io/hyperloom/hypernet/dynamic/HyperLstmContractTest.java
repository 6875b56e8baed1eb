package io.hyperloom.hypernet.dynamic;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;

/** The static half of the contract: θ → the main LSTM's base weights. */
class HyperLstmContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return new HyperLstmGenerator(HyperLstmNetworkTest.architecture(3, 4, true).layout(),
                new HyperLstmConfig(3, 2, true, 0.1));
    }
}
