package io.hyperloom.cppn.substrate;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatGenomeFamily;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.CppnJson;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.generator.EvolvableFamily;
import io.hyperloom.search.net.ParameterLayout;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The {@code cppn} family (HyperNEAT): genomes are feed-forward CPPNs with the substrate's inputs
 * and outputs; each decodes to a {@link HyperNeatWeightGenerator} whose θ is the CPPN's enabled
 * connection weights (innovation order). The substrate is built once per family, so any resolution
 * of the same architecture is a new family over the same genomes. Immutable.
 */
public final class CppnFamily implements EvolvableFamily<CppnGenome>, NeatGenomeFamily {

    private final Substrate substrate;

    public CppnFamily(ParameterLayout layout, SubstrateConfig config) {
        this.substrate = new Substrate(Objects.requireNonNull(layout, "layout"), Objects.requireNonNull(config, "config"));
    }

    @Override
    public String name() {
        return "cppn";
    }

    public Substrate substrate() {
        return substrate;
    }

    public SubstrateConfig config() {
        return substrate.config();
    }

    @Override
    public ParameterLayout layout() {
        return substrate.layout();
    }

    @Override
    public Decoded decode(CppnGenome genome) {
        return new Decoded(generator(genome), genome.theta());
    }

    /** The generator of a genome (θ from {@link CppnGenome#theta()}). */
    public HyperNeatWeightGenerator generator(CppnGenome genome) {
        return new HyperNeatWeightGenerator(substrate, new CompiledCppn(genome));
    }

    @Override
    public CppnGenome withTheta(CppnGenome genome, double[] theta) {
        return genome.withTheta(theta);
    }

    /** The minimal CPPN for this substrate: inputs, bias, outputs (LEO outputs bipolar-sigmoid), no connections. */
    public CppnGenome template() {
        SubstrateConfig c = substrate.config();
        CppnGenome.Builder b = CppnGenome.minimal(c.inputCount(), c.bias(), substrate.outputCount(), c.outputActivation());
        List<NodeGene> outputs = b.build().nodesOf(NodeGene.Type.OUTPUT);
        for (int leo : substrate.leoOutputs()) {
            b.node(outputs.get(leo).withActivation(CppnActivation.BIPOLAR_SIGMOID));
        }
        return b.build();
    }

    @Override
    public NeatBreeder breeder(RandomGenerator rng, NeatParameters parameters) {
        if (parameters.recurrent()) {
            throw new IllegalArgumentException("a CPPN is feed-forward; neat option recurrent=true does not apply to cppn");
        }
        return new NeatBreeder(template(), substrate.config().activations(), parameters, rng);
    }

    @Override
    public JsonNode toJson(CppnGenome genome) {
        return CppnJson.toJson(genome);
    }

    @Override
    public CppnGenome fromJson(JsonNode json) {
        CppnGenome g = CppnJson.fromJson(json);
        SubstrateConfig c = substrate.config();
        if (g.inputCount() != c.inputCount() || g.outputCount() != substrate.outputCount() || !g.isFeedForward()) {
            throw new IllegalArgumentException("genome with " + g.inputCount() + " inputs and " + g.outputCount()
                    + " outputs is not a feed-forward CPPN for this substrate (" + c.inputCount() + " inputs, "
                    + substrate.outputCount() + " outputs)");
        }
        return g;
    }

    @Override
    public int parameterCount(CppnGenome genome) {
        return genome.enabledCount();
    }
}
