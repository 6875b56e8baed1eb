package io.hyperloom.cppn.substrate;

import io.hyperloom.cppn.evolve.NeatBreeder;
import io.hyperloom.cppn.evolve.NeatParameters;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.search.optimize.Seeds;

/** Random CPPNs for tests: a minimal genome grown by structural mutations with high rates. */
final class Genomes {

    private Genomes() {
    }

    static CppnGenome random(CppnFamily family, long seed, int mutations) {
        NeatParameters p = NeatParameters.DEFAULTS;
        p = new NeatParameters(p.population(), p.c1(), p.c2(), p.c3(), p.threshold(), p.targetSpecies(),
                p.thresholdStep(), p.normaliseAbove(), 1.0, 0.9, false, 0.5, 1.0, 8.0, 0.4, 0.6, false, 0.05, 0.3,
                p.disableInherited(), p.interspeciesMating(), p.mutateOnly(), p.mateOnly(), p.survivalThreshold(),
                p.stagnation(), p.eliteMinSpecies(), true, 0, 0, false, false, false, p.mechanics());
        NeatBreeder b = family.breeder(Seeds.random(seed), p);
        CppnGenome g = b.create();
        for (int i = 0; i < mutations; i++) {
            g = b.mutate(g);
        }
        return g;
    }
}
