package io.hyperloom.cppn.network;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.net.ParameterTensor;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/**
 * Registers the {@code neat} generator. The genome's inputs and outputs are those of the task
 * network: the first weight tensor's source sheet and the last tensor's target sheet.
 */
public final class NeatNetworkProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "neat";
    }

    @Override
    public String description() {
        return "the NEAT genome is the network itself";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofString("activations", "sigmoid", "activations of new hidden nodes, comma-separated, from: "
                        + CppnActivation.allNames() + " (sigmoid is NEAT's steepened 1/(1+e^(-4.9x)))"),
                OptionSpec.ofString("output-activation", "sigmoid", "activation of the output nodes"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options options) {
        List<ParameterTensor> w = layout.weightTensors();
        if (w.isEmpty()) {
            throw new IllegalArgumentException("the task network has no weight tensor to take inputs from");
        }
        if (w.get(0).shape().size() == 4) {
            // a kernel's source sheet is its k×k window, not the image: a NEAT network wired to it
            // would see 49 of MNIST's 784 pixels
            throw new IllegalArgumentException("the neat generator evolves a network on the task's raw inputs, but the "
                    + "task network starts with a convolution (" + w.get(0).name() + " of shape " + w.get(0).shape()
                    + "); use a dense architecture (for mnist and fashion-mnist: arch=mnist-mlp)");
        }
        int inputs = w.get(0).source().size();
        int outputs = layout.tensors().get(layout.tensors().size() - 1).target().size();
        return new NeatNetworkFamily(inputs, outputs, CppnActivation.parseList(options.string("activations")),
                CppnActivation.parse(options.string("output-activation")));
    }
}
