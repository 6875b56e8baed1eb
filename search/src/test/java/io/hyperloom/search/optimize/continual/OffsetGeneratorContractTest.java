package io.hyperloom.search.optimize.continual;

import io.hyperloom.search.generator.WeightGenerator;
import io.hyperloom.search.generator.WeightGeneratorContract;
import io.hyperloom.search.task.continual.SyntheticTasks;

/** The test generator keeps the contract at a non-zero context (so its gradient checks mean something). */
class OffsetGeneratorContractTest extends WeightGeneratorContract {

    @Override
    protected WeightGenerator generator() {
        return new OffsetGenerator(SyntheticTasks.mlp(3, 2).layout(), 3).at(2);
    }
}
