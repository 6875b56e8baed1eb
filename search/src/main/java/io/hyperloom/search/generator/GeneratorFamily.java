package io.hyperloom.search.generator;

/**
 * A way of producing a network's weights, as an optimizer sees it. A closed family of three:
 * <ul>
 *   <li>{@link ParametricFamily}: one fixed generator whose θ is a plain vector (direct, dct,
 *       hypernet, fixed-topology coordinate networks);</li>
 *   <li>{@link EvolvableFamily}: genomes whose structure evolves and that each decode to a
 *       generator plus its θ (NEAT-evolved CPPNs, HyperNEAT);</li>
 *   <li>{@link NetworkFamily}: genomes that are networks themselves (NEAT on small tasks), with
 *       no fixed target layout.</li>
 * </ul>
 * Families are created per run from a spec and are immutable; run-scoped mutable state (NEAT's
 * innovation numbers) lives in the {@link Breeder} a run asks for.
 */
public sealed interface GeneratorFamily permits ParametricFamily, EvolvableFamily, NetworkFamily {

    /** The family's registered name, e.g. {@code direct}. */
    String name();
}
