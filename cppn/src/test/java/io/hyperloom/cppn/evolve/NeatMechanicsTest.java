package io.hyperloom.cppn.evolve;

import io.hyperloom.cppn.genome.ConnectionGene;
import io.hyperloom.cppn.genome.CppnActivation;
import io.hyperloom.cppn.genome.CppnGenome;
import io.hyperloom.cppn.genome.NodeGene;
import io.hyperloom.search.optimize.Seeds;
import io.hyperloom.search.option.Options;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NEAT C++ 1.2 mechanics that are hyperloom's defaults since issue 7 (docs/results/issue-7.md). */
class NeatMechanicsTest {

    /** Inputs 0, 1, bias 2, output 3. */
    private static final CppnGenome TEMPLATE = CppnGenome.minimal(2, true, 1, CppnActivation.SIGMOID).build();

    private static NeatParameters of(Map<String, String> given) {
        return NeatParameters.of(Options.resolve("neat", NeatParameters.options(), given));
    }

    private static NeatBreeder breeder(NeatParameters p, long seed) {
        return new NeatBreeder(TEMPLATE, List.of(CppnActivation.SIGMOID), p, Seeds.random(seed));
    }

    @Test
    void defaultsAreNeatCxx() {
        NeatParameters.Mechanics m = NeatParameters.DEFAULTS.mechanics();
        assertEquals(NeatParameters.Split.NEAT, m.split());
        assertTrue(m.severeWeights() && m.neatCrossover() && m.neatParents() && m.neatOffspring() && m.superChamp());
        assertFalse(m.chosenFlag(), "the paper's inheritance of disabled genes stays (NEAT C++'s is slower on xor)");
        assertTrue(NeatParameters.DEFAULTS.uniformWeights());
        assertEquals(2.5, NeatParameters.DEFAULTS.weightPower());
        assertEquals(20, NeatParameters.DEFAULTS.populationStagnation());
    }

    /** Minimal genome: genes 0→3 (oldest), 1→3, bias 2→3. P(split 0→3) = 0.7, P(1→3) = 0.3·0.7, else none. */
    @Test
    void addNodeNeverSplitsTheBiasLinkAndPrefersOlderLinks() {
        NeatBreeder b = breeder(NeatParameters.DEFAULTS, 11);
        CppnGenome g = b.create();
        int[] splits = new int[3];
        int none = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            CppnGenome child = b.addNode(g);
            if (child == null) {
                none++;
                continue;
            }
            ConnectionGene off = child.connections().stream().filter(c -> !c.enabled()).findFirst().orElseThrow();
            splits[off.source()]++;
        }
        assertEquals(0, splits[2], "a link from the bias node was split");
        assertEquals(0.70, splits[0] / (double) n, 0.03);
        assertEquals(0.21, splits[1] / (double) n, 0.03);
        assertEquals(0.09, none / (double) n, 0.02);

        NeatBreeder uniform = breeder(of(Map.of("split-choice", "uniform")), 11);
        CppnGenome u = uniform.create(); // genomes of the breeder's own registry (innovations are run-scoped)
        int bias = 0;
        for (int i = 0; i < 600; i++) {
            CppnGenome child = uniform.addNode(u);
            bias += child.connections().stream().anyMatch(c -> !c.enabled() && c.source() == 2) ? 1 : 0;
        }
        assertEquals(1.0 / 3, bias / 600.0, 0.06, "the old choice splits any enabled link");
    }

    /** Half the events severe (per gene 10% kept), the other half perturb every gene: ≈ 5% of genes unchanged. */
    @Test
    void weightMutationIsNeatCxxMutateLinkWeights() {
        NeatParameters p = of(Map.of("weight-mutation", "1", "add-node", "0", "add-link", "0"));
        NeatBreeder b = breeder(p, 12);
        CppnGenome g = b.create();
        int unchanged = 0;
        int genes = 0;
        for (int i = 0; i < 4000; i++) {
            CppnGenome m = b.mutate(g);
            for (int k = 0; k < g.connections().size(); k++) {
                double before = g.connections().get(k).weight();
                double after = m.connections().get(k).weight();
                unchanged += before == after ? 1 : 0;
                assertTrue(Math.abs(after) <= Math.abs(before) + 2.5, "a change beyond ±weight-power");
                genes++;
            }
        }
        assertEquals(0.05, unchanged / (double) genes, 0.01);

        NeatBreeder simple = breeder(of(Map.of("weight-mutation", "1", "add-node", "0", "add-link", "0",
                "weight-scheme", "simple")), 12);
        CppnGenome s = simple.mutate(g);
        for (int k = 0; k < g.connections().size(); k++) {
            assertNotEquals(g.connections().get(k).weight(), s.connections().get(k).weight());
        }
    }

    @Test
    void parentsAreFloorOfTheThresholdPlusOne() {
        NeatParameters p = NeatParameters.DEFAULTS;
        assertEquals(1, NeatPopulation.parentCount(p, 1));
        assertEquals(2, NeatPopulation.parentCount(p, 5));
        assertEquals(3, NeatPopulation.parentCount(p, 10));
        assertEquals(31, NeatPopulation.parentCount(p, 150));
        NeatParameters ceil = of(Map.of("parents", "ceil"));
        assertEquals(1, NeatPopulation.parentCount(ceil, 5));
        assertEquals(30, NeatPopulation.parentCount(ceil, 150));
    }

    /** A gene off in both parents: the paper's rule turns it back on with 1 − 0.75; NEAT C++'s never. */
    @Test
    void inheritedEnabledFlag() {
        List<NodeGene> nodes = TEMPLATE.nodes();
        CppnGenome a = new CppnGenome(nodes, List.of(new ConnectionGene(0, 0, 3, 1, false), new ConnectionGene(1, 1, 3, 1, true)));
        CppnGenome b = new CppnGenome(nodes, List.of(new ConnectionGene(0, 0, 3, 2, false), new ConnectionGene(1, 1, 3, 2, true)));
        NeatBreeder paper = breeder(NeatParameters.DEFAULTS, 13);
        NeatBreeder cxx = breeder(of(Map.of("inherit-enabled", "neat")), 13);
        int paperOn = 0;
        for (int i = 0; i < 2000; i++) {
            paperOn += paper.crossover(a, b).connections().get(0).enabled() ? 1 : 0;
            assertFalse(cxx.crossover(a, b).connections().get(0).enabled());
        }
        assertEquals(0.25, paperOn / 2000.0, 0.03);
    }

    /** The skim allocation and the delta coding keep the population size, stagnant species or not. */
    @Test
    void reproductionKeepsThePopulationSize() {
        NeatParameters p = NeatParameters.DEFAULTS.withPopulation(40);
        RandomGenerator rng = Seeds.random(14);
        NeatBreeder b = new NeatBreeder(TEMPLATE, List.of(CppnActivation.SIGMOID), p, rng);
        NeatPopulation<CppnGenome> pop = new NeatPopulation<>(b, p, rng);
        List<CppnGenome> genomes = pop.initial();
        for (long gen = 0; gen < 60; gen++) {
            List<Phenotype<GenomeGene<CppnGenome>, Double>> evaluated = new ArrayList<>();
            for (CppnGenome g : genomes) {
                // a flat landscape after generation 5: stagnation and delta coding must both happen
                double f = gen < 5 ? rng.nextDouble() : 1.0 + g.connections().size() % 3;
                evaluated.add(Phenotype.of(GenomeChromosome.genotype(g), gen, f));
            }
            genomes = pop.reproduce(ISeq.of(evaluated), gen);
            assertEquals(40, genomes.size(), "generation " + gen);
        }
    }
}
