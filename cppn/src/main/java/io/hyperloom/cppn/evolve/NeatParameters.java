package io.hyperloom.cppn.evolve;

import io.hyperloom.search.option.OptionSpec;
import io.hyperloom.search.option.Options;

import java.util.List;

/**
 * Every NEAT parameter, with defaults from Stanley &amp; Miikkulainen (2002) where the paper gives
 * one (population 150, c1 = c2 = 1, c3 = 0.4, δt = 3, weight mutation 0.8 with 90% perturbation,
 * add-node 0.03, add-link 0.05, interspecies mating 0.001, 25% offspring without crossover,
 * stagnation after 15 generations, champions copied in species of more than five). Values the paper
 * leaves open follow the reference implementation (NEAT C++ 1.2) or are marked "hyperloom".
 */
public record NeatParameters(
        int population,
        double c1, double c2, double c3,
        double threshold, int targetSpecies, double thresholdStep, int normaliseAbove,
        double weightMutation, double weightPerturb, boolean uniformWeights, double weightPower, double weightInit, double weightCap,
        double addNode, double addLink, boolean recurrent, double toggleEnable, double activationMutation,
        double disableInherited, double interspeciesMating, double mutateOnly, double mateOnly,
        double survivalThreshold, int stagnation, int eliteMinSpecies, boolean speciation,
        int initialHidden, int populationStagnation, boolean championRepresentative, boolean eliteByOffspring,
        boolean initialLayer, Mechanics mechanics) {

    /**
     * Switches between NEAT C++ 1.2's mechanics (Stanley's reference code, which produced the paper's
     * figures) and the earlier hyperloom ones; each is measured in docs/results/issue-7.md.
     *
     * @param split          NEAT: add-node never splits a link from the bias node and, in genomes of fewer
     *                       than 15 genes, walks from the oldest link (NEAT C++) instead of a uniform pick
     * @param severeWeights  NEAT C++'s mutate_link_weights: per mutation event "severe" with probability
     *                       ½ (per gene 70% perturb, 20% replace, 10% keep), else every gene perturbed, the
     *                       last 20% of genomes of ≥ 10 genes 50/20/30; instead of per gene weight-perturb
     * @param neatCrossover  NEAT C++'s mate_multipoint: on equal fitness the smaller parent supplies the
     *                       disjoint and excess genes (not the mother); a child of one parent with itself
     *                       (or an identical genome) is always mutated
     * @param chosenFlag     NEAT C++: a matching gene keeps the chosen parent's enabled flag unless disabled
     *                       by disable-inherited (a gene off in both parents stays off); else the paper's
     *                       text: off with disable-inherited if off in either parent, otherwise on
     * @param neatParents    floor(survival-threshold · size) + 1 parents per species (NEAT C++) instead of
     *                       ceil(survival-threshold · size)
     * @param neatOffspring  NEAT C++'s offspring allocation: raw fitness (not shifted by the population
     *                       minimum), a stagnant species' fitness ×0.01 (also the champion's species),
     *                       per-organism expected offspring with a fractional skim, the shortfall to the
     *                       species expecting most; instead of removing stagnant species and largest remainders
     * @param superChamp     after delta coding (population-stagnation) the two species' offspring are all made
     *                       from their champions: weight mutations (20% add-link), the last an exact copy (NEAT
     *                       C++); instead of breeding the two species normally
     */
    public record Mechanics(Split split, boolean severeWeights, boolean neatCrossover, boolean chosenFlag, boolean neatParents, boolean neatOffspring,
                            boolean superChamp) {
        public static final Mechanics OLD = new Mechanics(Split.UNIFORM, false, false, false, false, false, false);

        public Mechanics {
            java.util.Objects.requireNonNull(split, "split");
        }
    }

    /** Which link add-node splits: NEAT C++'s older-link walk, any non-bias link, or any enabled link. */
    public enum Split { NEAT, NO_BIAS, UNIFORM }

    private static Split split(String name) {
        return Split.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    public static final NeatParameters DEFAULTS = of(Options.resolve("neat", options(), java.util.Map.of()));

    public NeatParameters {
        if (population < 2) {
            throw new IllegalArgumentException("population must be >= 2, got " + population);
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("compatibility-threshold must be > 0, got " + threshold);
        }
        for (double p : new double[] {weightMutation, weightPerturb, addNode, addLink, toggleEnable, activationMutation,
                disableInherited, interspeciesMating, mutateOnly, mateOnly}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("probabilities must lie in [0, 1], got " + p);
            }
        }
        if (!(survivalThreshold > 0 && survivalThreshold <= 1)) {
            throw new IllegalArgumentException("survival-threshold must lie in (0, 1], got " + survivalThreshold);
        }
        if (!(weightCap > 0) || weightPower < 0 || weightInit < 0) {
            throw new IllegalArgumentException("weight-cap must be > 0 and weight-power, weight-init >= 0");
        }
        if (initialHidden < 0) {
            throw new IllegalArgumentException("initial-hidden must be >= 0, got " + initialHidden);
        }
        java.util.Objects.requireNonNull(mechanics, "mechanics");
        if (populationStagnation < 0) {
            throw new IllegalArgumentException("population-stagnation must be >= 0, got " + populationStagnation);
        }
        if (stagnation < 1 || targetSpecies < 0 || eliteMinSpecies < 0) {
            throw new IllegalArgumentException("stagnation must be >= 1, target-species and elite-min-species >= 0");
        }
    }

    public static List<OptionSpec> options() {
        return List.of(
                OptionSpec.ofInt("population", 150, "population size (paper: 150)"),
                OptionSpec.ofDouble("c1", 1.0, "compatibility coefficient of excess genes (paper: 1.0)"),
                OptionSpec.ofDouble("c2", 1.0, "compatibility coefficient of disjoint genes (paper: 1.0)"),
                OptionSpec.ofDouble("c3", 0.4, "compatibility coefficient of mean weight difference (paper: 0.4)"),
                OptionSpec.ofDouble("compatibility-threshold", 3.0, "initial species threshold δt (paper: 3.0)"),
                OptionSpec.ofInt("target-species", 0, "adapt δt each generation towards this many species; 0 keeps δt fixed (paper)"),
                OptionSpec.ofDouble("threshold-step", 0.3, "how much δt moves per generation when adapting (NEAT C++: 0.3)"),
                OptionSpec.ofInt("normalise-above", 20, "divide E and D by the larger genome's size only above this many genes (paper: 20)"),
                OptionSpec.ofDouble("weight-mutation", 0.9, "probability that a genome's weights are mutated (NEAT C++: 0.9; paper: 0.8)"),
                OptionSpec.ofDouble("weight-perturb", 0.9, "per weight: perturbed with this probability, else replaced (paper: 0.9)"),
                OptionSpec.ofString("weight-distribution", "uniform", "distribution of weight perturbations and new weights: uniform (paper, NEAT C++: ±power) or gaussian (std = power; hyperloom before issue 7 with weight-power=1.5)"),
                OptionSpec.ofDouble("weight-power", 2.5, "std of a Gaussian (half-range of a uniform) weight perturbation (NEAT C++: uniform ±2.5, std 1.44)"),
                OptionSpec.ofDouble("weight-init", 1.0, "std (gaussian) or half-range (uniform) of a new or replaced weight (NEAT C++: uniform ±1)"),
                OptionSpec.ofDouble("weight-cap", 8.0, "weights are clipped to ±this (NEAT C++: 8)"),
                OptionSpec.ofDouble("add-node", 0.03, "probability of an add-node mutation (paper: 0.03)"),
                OptionSpec.ofDouble("add-link", 0.05, "probability of an add-connection mutation (paper: 0.05; 0.3 for large populations)"),
                OptionSpec.ofBoolean("recurrent", false, "allow recurrent connections (only for networks that support them)"),
                OptionSpec.ofDouble("toggle-enable", 0.0, "probability of flipping one connection's enabled flag (NEAT C++: 0)"),
                OptionSpec.ofDouble("activation-mutation", 0.1, "probability of changing one hidden node's activation (CPPNs; hyperloom)"),
                OptionSpec.ofDouble("disable-inherited", 0.75, "a gene disabled in either parent is disabled in the child with this probability (paper: 0.75)"),
                OptionSpec.ofDouble("interspecies-mating", 0.001, "probability that a mate comes from another species (paper: 0.001)"),
                OptionSpec.ofDouble("mutate-only", 0.25, "fraction of offspring made by mutation without crossover (paper: 0.25)"),
                OptionSpec.ofDouble("mate-only", 0.2, "probability that a crossover child is not mutated (NEAT C++: 0.2)"),
                OptionSpec.ofDouble("survival-threshold", 0.2, "fraction of each species allowed to reproduce (NEAT C++: 0.2)"),
                OptionSpec.ofInt("stagnation", 15, "generations without improvement before a species stops reproducing (paper: 15)"),
                OptionSpec.ofInt("elite-min-species", 5, "a species with more members than this keeps its champion unchanged (paper: 5)"),
                OptionSpec.ofBoolean("speciation", true, "speciate; off puts every genome in one species (for ablations)"),
                OptionSpec.ofInt("initial-hidden", 0, "add-node mutations (each with an add-link) applied to every initial "
                        + "genome: 0 = NEAT's minimal start; > 0 = a random initial topology"),
                OptionSpec.ofInt("population-stagnation", 20, "generations without a new population best after which only the "
                        + "two best species breed, half the population each (NEAT C++ delta coding: 20); 0 = off"),
                OptionSpec.ofChoice("representative", "random", "a species' representative for the next speciation: a random "
                        + "member (paper) or its champion (NEAT C++)", "random", "champion"),
                OptionSpec.ofBoolean("elite-by-offspring", false, "copy a species' champion when the species is due more than "
                        + "elite-min-species offspring (NEAT C++) instead of when it has more than elite-min-species members (paper)"),
                OptionSpec.ofChoice("split-choice", "neat", "which link add-node splits: neat (NEAT C++: never one "
                        + "from the bias node; below 15 genes the oldest, each later one with probability 0.3) or uniform "
                        + "(any enabled link), or no-bias (any enabled link not from the bias node)", "neat", "no-bias", "uniform"),
                OptionSpec.ofChoice("weight-scheme", "neat", "weight mutation: neat (NEAT C++ mutate_link_weights: half "
                        + "the events severe — per gene 70% perturb, 20% replace, 10% keep — else all perturbed, the tail of "
                        + "genomes of 10+ genes 50/20/30) or simple (per gene weight-perturb, else replaced)", "neat", "simple"),
                OptionSpec.ofChoice("crossover", "neat", "neat (NEAT C++ mate_multipoint: on equal fitness the smaller "
                        + "parent's disjoint and excess genes; a child of a genome with itself is always mutated) or simple "
                        + "(the mother's genes on equal fitness)", "neat", "simple"),
                OptionSpec.ofChoice("inherit-enabled", "paper", "a matching gene disabled in either parent: paper (disabled "
                        + "with disable-inherited, else enabled) or neat (NEAT C++: the chosen parent's flag, then disabled "
                        + "with disable-inherited; a gene off in both parents stays off; slower on xor)", "paper", "neat"),
                OptionSpec.ofChoice("parents", "neat", "parents per species: neat (floor(survival-threshold·size) + 1, "
                        + "NEAT C++) or ceil (ceil(survival-threshold·size))", "neat", "ceil"),
                OptionSpec.ofChoice("offspring", "neat", "offspring allocation: neat (NEAT C++: raw shared fitness, stagnant "
                        + "species ×0.01 — the champion's too — per-organism expected counts with a fractional skim, shortfall to "
                        + "the species expecting most) or shifted (fitness minus the population minimum, stagnant species other "
                        + "than the champion's get none, largest remainders)", "neat", "shifted"),
                OptionSpec.ofBoolean("super-champ", true, "after delta coding (population-stagnation), the two species' "
                        + "offspring are all weight-mutated (20%: add-link) copies of their champions, the last unchanged "
                        + "(NEAT C++); false breeds the two species normally"),
                OptionSpec.ofChoice("variant", "full", "the NEAT paper's ablations (Stanley & Miikkulainen 2002, table 2), "
                        + "applied over the options above: full; no-growth (a fixed, fully connected layer of "
                        + "initial-hidden (at least 10) hidden units, no add-node/add-link, as in the paper); no-speciation "
                        + "(one species, started from random topologies as the paper's section 5.5 does, since from a minimal start "
                        + "no structural innovation survives); random-topology (initial-hidden 10 random nodes and links); no-mating (every offspring by mutation alone)",
                        "full", "no-growth", "no-speciation", "random-topology", "no-mating"));
    }

    public static NeatParameters of(Options o) {
        String variant = o.values().getOrDefault("variant", "full");
        boolean growth = !variant.equals("no-growth");
        boolean mating = !variant.equals("no-mating");
        boolean randomStart = variant.equals("random-topology") || variant.equals("no-speciation");
        return new NeatParameters(o.intValue("population"), o.doubleValue("c1"), o.doubleValue("c2"), o.doubleValue("c3"),
                o.doubleValue("compatibility-threshold"), o.intValue("target-species"), o.doubleValue("threshold-step"),
                o.intValue("normalise-above"), o.doubleValue("weight-mutation"), o.doubleValue("weight-perturb"),
                distribution(o.string("weight-distribution")), o.doubleValue("weight-power"), o.doubleValue("weight-init"), o.doubleValue("weight-cap"),
                growth ? o.doubleValue("add-node") : 0.0, growth ? o.doubleValue("add-link") : 0.0, o.bool("recurrent"),
                o.doubleValue("toggle-enable"), o.doubleValue("activation-mutation"), o.doubleValue("disable-inherited"),
                mating ? o.doubleValue("interspecies-mating") : 0.0, mating ? o.doubleValue("mutate-only") : 1.0,
                o.doubleValue("mate-only"), o.doubleValue("survival-threshold"), o.intValue("stagnation"),
                o.intValue("elite-min-species"), o.bool("speciation") && !variant.equals("no-speciation"),
                randomStart || !growth ? Math.max(10, o.intValue("initial-hidden"))
                        : o.intValue("initial-hidden"),
                o.intValue("population-stagnation"), o.string("representative").equals("champion"), o.bool("elite-by-offspring"),
                !growth, new Mechanics(split(o.string("split-choice")), o.string("weight-scheme").equals("neat"),
                        o.string("crossover").equals("neat"), o.string("inherit-enabled").equals("neat"),
                        o.string("parents").equals("neat"), o.string("offspring").equals("neat"),
                        o.bool("super-champ")));
    }

    private static boolean distribution(String name) {
        return switch (name) {
            case "uniform" -> true;
            case "gaussian" -> false;
            default -> throw new IllegalArgumentException("weight-distribution must be uniform or gaussian, got '" + name + "'");
        };
    }

    public NeatParameters withPopulation(int n) {
        return new NeatParameters(n, c1, c2, c3, threshold, targetSpecies, thresholdStep, normaliseAbove, weightMutation,
                weightPerturb, uniformWeights, weightPower, weightInit, weightCap, addNode, addLink, recurrent, toggleEnable,
                activationMutation, disableInherited, interspeciesMating, mutateOnly, mateOnly, survivalThreshold,
                stagnation, eliteMinSpecies, speciation, initialHidden, populationStagnation, championRepresentative,
                eliteByOffspring, initialLayer, mechanics);
    }
}
