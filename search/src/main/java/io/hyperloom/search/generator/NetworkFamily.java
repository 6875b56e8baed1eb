package io.hyperloom.search.generator;

import io.hyperloom.search.net.Network;
import io.hyperloom.search.task.Task;

/**
 * A family whose genomes are networks themselves (NEAT evolving the target network directly),
 * so there is no fixed target layout; tasks score the genome's own {@link Network}.
 *
 * @param <G> the immutable genome type
 */
public non-sealed interface NetworkFamily<G> extends GeneratorFamily, GenomeFamily<G> {

    /** A new per-thread network for {@code genome}, sized for {@code task}'s inputs, outputs and batch. */
    Network build(G genome, Task task);

    /** Connections of the genome's network (its |W|). */
    int weightCount(G genome);
}
