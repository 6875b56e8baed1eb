package io.hyperloom.cppn.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatGenomeFamily;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.CppnJson;
import io.hyperloom.search.generator.NetworkFamily;
import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Task;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code neat} family: the genome is the network. Genomes have the task network's inputs, a
 * bias node and its outputs; the target architecture's hidden layers are ignored. Immutable.
 *
 * @param activations       the set hidden nodes draw from (NEAT: the steepened sigmoid)
 * @param outputActivation  the output nodes' activation
 */
public record NeatNetworkFamily(int inputs, int outputs, List<CppnActivation> activations,
                                CppnActivation outputActivation) implements NetworkFamily<CppnGenome>, NeatGenomeFamily {

    public NeatNetworkFamily {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("a NEAT network needs inputs and outputs, got " + inputs + " and " + outputs);
        }
        activations = List.copyOf(activations);
        Objects.requireNonNull(outputActivation, "outputActivation");
    }

    @Override
    public String name() {
        return "neat";
    }

    @Override
    public Network build(CppnGenome genome, Task task) {
        int in = task.architecture().inputSize();
        int out = task.architecture().outputSize();
        if (genome.inputCount() != in || genome.outputCount() != out) {
            throw new IllegalArgumentException("genome has " + genome.inputCount() + " inputs and " + genome.outputCount()
                    + " outputs; task " + task.name() + " needs " + in + " and " + out);
        }
        return new NeatNetwork(genome, task.evaluationBatch());
    }

    @Override
    public int weightCount(CppnGenome genome) {
        return genome.enabledCount();
    }

    @Override
    public NeatBreeder breeder(RandomGenerator rng, NeatParameters parameters) {
        return new NeatBreeder(CppnGenome.minimal(inputs, true, outputs, outputActivation).build(), activations,
                parameters, rng);
    }

    @Override
    public JsonNode toJson(CppnGenome genome) {
        return CppnJson.toJson(genome);
    }

    @Override
    public CppnGenome fromJson(JsonNode json) {
        CppnGenome g = CppnJson.fromJson(json);
        if (g.inputCount() != inputs || g.outputCount() != outputs) {
            throw new IllegalArgumentException("genome has " + g.inputCount() + " inputs and " + g.outputCount()
                    + " outputs, this family " + inputs + " and " + outputs);
        }
        return g;
    }

    @Override
    public int parameterCount(CppnGenome genome) {
        return genome.enabledCount();
    }
}
