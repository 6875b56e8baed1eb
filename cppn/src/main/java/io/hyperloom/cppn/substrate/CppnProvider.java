package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.search.generator.GeneratorFamily;
import io.hyperloom.search.generator.GeneratorProvider;
import io.hyperloom.search.net.ParameterLayout;
import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;
import java.util.Locale;

/** Registers the {@code cppn} generator (HyperNEAT). */
public final class CppnProvider implements GeneratorProvider {

    @Override
    public String name() {
        return "cppn";
    }

    @Override
    public String description() {
        return "HyperNEAT: a NEAT-evolved CPPN queried at the substrate coordinates of every connection";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofBoolean("z", false, "add the channel coordinates z1, z2 as CPPN inputs"),
                OptionSpec.ofBoolean("layer-input", false, "add the tensor's layer depth as an input (on for outputs=shared)"),
                OptionSpec.ofBoolean("distance", true, "add the source–target distance as a CPPN input (SharpNEAT's "
                        + "connection-length input); without it NEAT must first grow x1 − x2 and y1 − y2 from hidden "
                        + "nodes, which on boxes most runs never do in 300 generations"),
                OptionSpec.ofBoolean("bias", true, "give the CPPN a bias node (constant 1)"),
                OptionSpec.ofChoice("outputs", "per-tensor", "one CPPN output per tensor, or one shared by all weight "
                        + "tensors (and one by all biases) with a layer input", "per-tensor", "shared"),
                OptionSpec.ofChoice("expression", "threshold", "link expression: |w| threshold with rescaling, a LEO "
                        + "output (Verbancsics & Stanley 2011), or none", "threshold", "leo", "none"),
                OptionSpec.ofDouble("threshold", 0.2, "expression threshold on |CPPN output| (HyperNEAT: 0.2)"),
                OptionSpec.ofDouble("max-weight", 3.0, "expressed weights are scaled to at most this (HyperNEAT: 3.0)"),
                OptionSpec.ofString("activations", "bipolar-sigmoid,gaussian,sine,abs,identity",
                        "activations of new hidden nodes, from: " + CppnActivation.allNames()),
                OptionSpec.ofString("output-activation", "bipolar-sigmoid", "activation of the weight outputs"));
    }

    @Override
    public GeneratorFamily create(ParameterLayout layout, Options o) {
        SubstrateConfig c = new SubstrateConfig(o.bool("z"), o.bool("layer-input"), o.bool("distance"), o.bool("bias"),
                SubstrateConfig.Outputs.valueOf(o.string("outputs").toUpperCase(Locale.ROOT).replace('-', '_')),
                SubstrateConfig.Expression.valueOf(o.string("expression").toUpperCase(Locale.ROOT)),
                o.doubleValue("threshold"), o.doubleValue("max-weight"),
                CppnActivation.parseList(o.string("activations")), CppnActivation.parse(o.string("output-activation")));
        return new CppnFamily(layout, c);
    }
}
