package io.hyperloom.search.generator;

import io.hyperloom.search.net.ParameterLayout;

/**
 * A way of producing target weights, as an optimizer sees it: either one fixed generator whose θ
 * is a plain vector ({@link ParametricFamily}: direct, dct, hypernet, fixed-topology CPPNs), or
 * genomes whose structure evolves and that each decode to a generator plus its θ
 * ({@link EvolvableFamily}: NEAT-evolved CPPNs).
 *
 * <p>Families are created per run from a spec and are immutable; run-scoped mutable state (such as
 * NEAT's innovation numbers) lives in the {@link EvolvableFamily.Breeder} a run asks for.
 */
public sealed interface GeneratorFamily permits ParametricFamily, EvolvableFamily {

    /** The family's registered name, e.g. {@code direct}. */
    String name();

    /** The target layout it fills. */
    ParameterLayout layout();
}
