package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;

/**
 * A family whose genomes have structure that evolves (a CPPN topology). Each genome decodes to a
 * generator and its θ; the Lamarckian hybrid writes a trained θ back with {@link #withTheta}.
 *
 * @param <G> the immutable genome type
 */
public non-sealed interface EvolvableFamily<G> extends GeneratorFamily, GenomeFamily<G> {

    /** A decoded genome: the generator its structure defines and the θ it carries (a fresh copy). */
    record Decoded(WeightGenerator generator, double[] theta) {
    }

    /** The target layout every decoded generator fills. */
    ParameterLayout layout();

    Decoded decode(G genome);

    /** The genome with its θ replaced by {@code theta} (same length as {@link #decode}'s). */
    G withTheta(G genome, double[] theta);
}
