package io.hyperloom.cppn.evolve;

import io.hyperloom.cppn.genome.CppnBinary;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.search.generator.Breeder;
import io.hyperloom.search.generator.GenomeFamily;

import java.util.random.RandomGenerator;

/**
 * A family of {@link CppnGenome}s whose breeder takes NEAT's parameters (the {@code neat}
 * optimizer's options); {@link #breeder(RandomGenerator)} uses the paper's defaults.
 */
public interface NeatGenomeFamily extends GenomeFamily<CppnGenome> {

    /** @throws IllegalArgumentException if the parameters do not suit the family (recurrence in a CPPN) */
    NeatBreeder breeder(RandomGenerator rng, NeatParameters parameters);

    @Override
    default Breeder<CppnGenome> breeder(RandomGenerator rng) {
        return breeder(rng, NeatParameters.DEFAULTS);
    }

    /** {@link CppnBinary}: a cluster worker reads it in a few microseconds, JSON took a twentieth of its CPU. */
    @Override
    default byte[] toBytes(CppnGenome genome) {
        return CppnBinary.toBytes(genome);
    }

    @Override
    default CppnGenome fromBytes(byte[] bytes) {
        return CppnBinary.fromBytes(bytes);
    }
}
