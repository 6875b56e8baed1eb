package io.hyperloom.cppn.evolve;

import io.hyperloom.search.generator.Breeder;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * NEAT's run-scoped population state: species, their stagnation counters and the compatibility
 * threshold. Used from the optimizer's thread; all randomness from the run's generator.
 *
 * <p>How a generation is reproduced ({@link #reproduce}):
 * <ol>
 *   <li>Speciate: each genome joins the first species (oldest first) whose representative is within
 *       δt, else founds a new one; a random member becomes the representative for the next round.
 *       With a target species count, δt moves by threshold-step towards it.</li>
 *   <li>Explicit fitness sharing: f'ᵢ = (fᵢ − f_min)/|Sᵢ|, fitness shifted by the population minimum so
 *       it is non-negative. A species whose best has not improved for {@code stagnation} generations
 *       gets no offspring, unless it holds the population champion.</li>
 *   <li>Each species gets offspring in proportion to its summed shared fitness (largest remainders,
 *       ties to the older species); equal shares when all shared fitness is zero.</li>
 *   <li>Within a species of more than elite-min-species members the champion is copied unchanged;
 *       parents are the top survival-threshold fraction; a mutate-only fraction of children are
 *       mutated copies, the rest crossovers (mate from another species with probability
 *       interspecies-mating), mutated unless mate-only.</li>
 * </ol>
 * Defaults since issue 7 follow NEAT C++ 1.2 where it differs from the steps above (each has an option
 * restoring the step as written; see NeatParameters.Mechanics): offspring by {@code offspring=neat}
 * (raw fitness, stagnant species ×0.01 instead of removed, a fractional skim instead of largest
 * remainders), floor(survival-threshold·size)+1 parents, ties in crossover to the smaller parent.
 * Further NEAT C++ 1.2 mechanics: {@code elite-by-offspring} (default off: over 3,000 XOR seeds the
 * paper's rule needs 4,468 mean evaluations, this one 4,614) copies the champion when the species is
 * due more than elite-min-species offspring; {@code population-stagnation=N} (default 20):
 * when the population's best has not improved for N generations, the two species with the best
 * champions get half the population each (one species: all of it), every other species none, and the
 * two species' and the population's improvement clocks restart (NEAT C++'s "delta coding"), their
 * offspring all from their champions with {@code super-champ} (default on);
 * {@code representative=champion} (off: slower on xor) makes each species' best member its representative.
 *
 * @param <G> the immutable genome type
 */
public final class NeatPopulation<G> {

    private static final class Species<G> {
        final int id;
        G representative;
        final List<Phenotype<GenomeGene<G>, Double>> members = new ArrayList<>();
        double bestEver = Double.NEGATIVE_INFINITY;
        long lastImproved;

        Species(int id, G representative, long generation) {
            this.id = id;
            this.representative = representative;
            this.lastImproved = generation;
        }
    }

    private final Breeder<G> breeder;
    private final NeatParameters p;
    private final RandomGenerator rng;
    private final List<Species<G>> species = new ArrayList<>();
    private double threshold;
    private int nextSpeciesId;
    private double populationBest = Double.NEGATIVE_INFINITY;
    private long populationImproved;

    public NeatPopulation(Breeder<G> breeder, NeatParameters p, RandomGenerator rng) {
        this.breeder = Objects.requireNonNull(breeder, "breeder");
        this.p = Objects.requireNonNull(p, "parameters");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.threshold = p.threshold();
    }

    /** The first generation: {@code population} genomes from the breeder. */
    public List<G> initial() {
        List<G> out = new ArrayList<>(p.population());
        for (int i = 0; i < p.population(); i++) {
            out.add(breeder.create());
        }
        return out;
    }

    public int speciesCount() {
        return species.size();
    }

    public double threshold() {
        return threshold;
    }

    /**
     * The next generation from an evaluated one (steps 1–4 above).
     *
     * @param evaluated every genome with its fitness, in population order
     */
    public List<G> reproduce(ISeq<Phenotype<GenomeGene<G>, Double>> evaluated, long generation) {
        if (breeder instanceof NeatBreeder nb) {
            nb.nextGeneration();
        }
        speciate(evaluated, generation);
        currentGeneration = generation;
        double min = Double.POSITIVE_INFINITY;
        Phenotype<GenomeGene<G>, Double> champion = null;
        for (Phenotype<GenomeGene<G>, Double> ph : evaluated) {
            min = Math.min(min, ph.fitness());
            if (champion == null || ph.fitness() > champion.fitness()) {
                champion = ph;
            }
        }
        int s = species.size();
        double[] shared = new double[s];
        double total = 0;
        boolean[] alive = new boolean[s];
        for (int k = 0; k < s; k++) {
            Species<G> sp = species.get(k);
            sp.members.sort(Comparator.comparingDouble((Phenotype<GenomeGene<G>, Double> ph) -> ph.fitness()).reversed());
            double best = sp.members.get(0).fitness();
            if (best > sp.bestEver) {
                sp.bestEver = best;
                sp.lastImproved = generation;
            }
            boolean stagnant = generation - sp.lastImproved >= p.stagnation();
            if (p.mechanics().neatOffspring()) {
                // NEAT C++ adjust_fitness: raw fitness (negative → 0.0001), ×0.01 when stagnant, shared by size
                alive[k] = true;
                for (Phenotype<GenomeGene<G>, Double> ph : sp.members) {
                    double f = ph.fitness() * (stagnant ? 0.01 : 1.0);
                    shared[k] += (f < 0 ? 0.0001 : f) / sp.members.size();
                }
                total += shared[k];
                continue;
            }
            alive[k] = !stagnant || sp.members.contains(champion);
            if (alive[k]) {
                for (Phenotype<GenomeGene<G>, Double> ph : sp.members) {
                    shared[k] += (ph.fitness() - min) / sp.members.size();
                }
                total += shared[k];
            }
        }
        int[] quota = p.mechanics().neatOffspring() ? skimQuotas(total) : quotas(shared, alive, total);
        if (champion.fitness() > populationBest) {
            populationBest = champion.fitness();
            populationImproved = generation;
        }
        if (p.populationStagnation() > 0 && generation - populationImproved >= p.populationStagnation()) {
            quota = deltaCoding(generation);
        }
        List<G> next = new ArrayList<>(p.population());
        for (int k = 0; k < s; k++) {
            int count = quota[k];
            if (superChamp != null && superChamp[k] > 0) {
                superChampOffspring(species.get(k).members.get(0), superChamp[k], next);
                count = 0;
            }
            breed(species.get(k), count, next);
        }
        superChamp = null;
        return next;
    }

    private void speciate(ISeq<Phenotype<GenomeGene<G>, Double>> evaluated, long generation) {
        for (Species<G> sp : species) {
            sp.members.clear();
        }
        for (Phenotype<GenomeGene<G>, Double> ph : evaluated) {
            G g = GenomeChromosome.genome(ph.genotype());
            Species<G> home = null;
            for (Species<G> sp : species) {
                if (!p.speciation() || breeder.distance(sp.representative, g) < threshold) {
                    home = sp;
                    break;
                }
            }
            if (home == null) {
                home = new Species<>(nextSpeciesId++, g, generation);
                species.add(home);
            }
            home.members.add(ph);
        }
        species.removeIf(sp -> sp.members.isEmpty());
        for (Species<G> sp : species) {
            Phenotype<GenomeGene<G>, Double> rep = sp.members.get(rng.nextInt(sp.members.size()));
            if (p.championRepresentative()) {
                rep = sp.members.stream().max(Comparator.comparingDouble(ph -> ph.fitness())).orElseThrow();
            }
            sp.representative = GenomeChromosome.genome(rep.genotype());
        }
        if (p.targetSpecies() > 0 && p.speciation()) {
            if (species.size() < p.targetSpecies()) {
                threshold = Math.max(p.thresholdStep(), threshold - p.thresholdStep());
            } else if (species.size() > p.targetSpecies()) {
                threshold += p.thresholdStep();
            }
        }
    }

    /** Population stagnation: the two species with the best champions get half the population each. */
    private int[] deltaCoding(long generation) {
        int s = species.size();
        Integer[] order = new Integer[s];
        for (int k = 0; k < s; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer k) -> species.get(k).members.get(0).fitness()).reversed());
        int[] q = new int[s];
        if (s == 1) {
            q[0] = p.population();
        } else {
            q[order[0]] = p.population() - p.population() / 2;
            q[order[1]] = p.population() / 2;
            species.get(order[1]).lastImproved = generation;
        }
        if (p.mechanics().superChamp()) {
            superChamp = q.clone();
        }
        species.get(order[0]).lastImproved = generation;
        populationImproved = generation;
        return q;
    }

    /**
     * NEAT C++ 1.2's count_offspring: (1) each organism expects f'/mean f' offspring (f' its adjusted,
     * shared fitness); (2) species in order sum the whole parts and a running "skim" of the fractional
     * parts, which pays out a whole offspring whenever it exceeds 1; (3) if the total falls short,
     * the species expecting the most (the last on ties) gets one more, and if it still falls short,
     * that species gets the whole population. Members must be sorted and fitness adjusted as in
     * {@link #reproduce}.
     */
    private int[] skimQuotas(double total) {
        int s = species.size();
        int[] q = new int[s];
        int organisms = 0;
        for (Species<G> sp : species) {
            organisms += sp.members.size();
        }
        double average = total / organisms;
        double skim = 0;
        int given = 0;
        for (int k = 0; k < s; k++) {
            Species<G> sp = species.get(k);
            boolean stagnant = generationOf(sp);
            for (Phenotype<GenomeGene<G>, Double> ph : sp.members) {
                double f = ph.fitness() * (stagnant ? 0.01 : 1.0);
                double expected = average > 0 ? ((f < 0 ? 0.0001 : f) / sp.members.size()) / average : 1.0;
                int whole = (int) Math.floor(expected);
                q[k] += whole;
                skim += expected - whole;
                if (skim > 1.0) {
                    double extra = Math.floor(skim);
                    q[k] += (int) extra;
                    skim -= extra;
                }
            }
            given += q[k];
        }
        if (given < p.population()) {
            int best = 0;
            for (int k = 0; k < s; k++) {
                if (q[k] >= q[best]) {
                    best = k;
                }
            }
            q[best]++;
            given++;
            if (given < p.population()) {
                java.util.Arrays.fill(q, 0);
                q[best] = p.population();
            }
        }
        // NEAT C++ lets the skim overshoot by float error; the population size is fixed here
        for (int k = s - 1; given > p.population() && k >= 0; k--) {
            int cut = Math.min(q[k], given - p.population());
            q[k] -= cut;
            given -= cut;
        }
        return q;
    }

    private long currentGeneration;

    private boolean generationOf(Species<G> sp) {
        return currentGeneration - sp.lastImproved >= p.stagnation();
    }

    /** Offspring per species: proportional to shared fitness, largest remainders, total = population. */
    private int[] quotas(double[] shared, boolean[] alive, double total) {
        int s = shared.length;
        int aliveCount = 0;
        for (boolean a : alive) {
            aliveCount += a ? 1 : 0;
        }
        double[] exact = new double[s];
        for (int k = 0; k < s; k++) {
            if (alive[k]) {
                exact[k] = p.population() * (total > 0 ? shared[k] / total : 1.0 / aliveCount);
            }
        }
        int[] q = new int[s];
        int given = 0;
        for (int k = 0; k < s; k++) {
            q[k] = (int) Math.floor(exact[k]);
            given += q[k];
        }
        while (given < p.population()) {
            int best = -1;
            for (int k = 0; k < s; k++) {
                if (alive[k] && (best < 0 || exact[k] - q[k] > exact[best] - q[best])) {
                    best = k;
                }
            }
            q[best]++;
            given++;
        }
        return q;
    }

    /** Parents of a species of {@code size}: NEAT C++ floor(survival-threshold · size) + 1, or the ceiling. */
    static int parentCount(NeatParameters p, int size) {
        return p.mechanics().neatParents()
                ? Math.min(size, (int) Math.floor(p.survivalThreshold() * size) + 1)
                : Math.max(1, (int) Math.ceil(p.survivalThreshold() * size));
    }

    private boolean neatCrossover() {
        return p.mechanics().neatCrossover() && breeder instanceof NeatBreeder;
    }

    /** Whether {@code a} has at least as many genes as {@code b} (NEAT C++: then b is the "better" parent on a tie). */
    private boolean larger(G a, G b) {
        NeatBreeder nb = (NeatBreeder) breeder;
        return nb.geneCount((io.hyperloom.cppn.genome.CppnGenome) a) >= nb.geneCount((io.hyperloom.cppn.genome.CppnGenome) b);
    }

    /** Set by delta coding with {@code super-champ}: per species, offspring all made from its champion. */
    private int[] superChamp;

    /**
     * NEAT C++'s "super champion" offspring after delta coding: all {@code count} children come from
     * the champion — each but the last a weight mutation of it (or, with probability 0.2 when add-link
     * is on, an add-link mutation), the last an exact copy.
     */
    @SuppressWarnings("unchecked")
    private void superChampOffspring(Phenotype<GenomeGene<G>, Double> champ, int count, List<G> out) {
        G g = GenomeChromosome.genome(champ.genotype());
        for (int i = count; i > 0; i--) {
            if (i == 1 || !(breeder instanceof NeatBreeder nb)) {
                out.add(i == 1 ? g : breeder.mutate(g));
                continue;
            }
            io.hyperloom.cppn.genome.CppnGenome c = (io.hyperloom.cppn.genome.CppnGenome) g;
            io.hyperloom.cppn.genome.CppnGenome child = null;
            if (!(rng.nextDouble() < 0.8 || p.addLink() == 0)) {
                child = nb.addLink(c);
            }
            out.add((G) (child != null ? child : nb.mutateWeights(c)));
        }
    }

    private void breed(Species<G> sp, int count, List<G> out) {
        if (count == 0) {
            return;
        }
        List<Phenotype<GenomeGene<G>, Double>> m = sp.members;
        if (p.eliteByOffspring() ? count > p.eliteMinSpecies() : m.size() > p.eliteMinSpecies()) {
            out.add(GenomeChromosome.genome(m.get(0).genotype()));
            count--;
        }
        int parents = parentCount(p, m.size());
        for (int i = 0; i < count; i++) {
            Phenotype<GenomeGene<G>, Double> mom = m.get(rng.nextInt(parents));
            G child;
            if (parents == 1 || rng.nextDouble() < p.mutateOnly()) {
                child = breeder.mutate(GenomeChromosome.genome(mom.genotype()));
            } else {
                Phenotype<GenomeGene<G>, Double> dad;
                if (species.size() > 1 && rng.nextDouble() < p.interspeciesMating()) {
                    Species<G> other = species.get(rng.nextInt(species.size()));
                    dad = other.members.get(0);
                } else {
                    dad = m.get(rng.nextInt(parents));
                }
                G momGenome = GenomeChromosome.genome(mom.genotype());
                G dadGenome = GenomeChromosome.genome(dad.genotype());
                boolean momFitter = mom.fitness() > dad.fitness()
                        || mom.fitness().equals(dad.fitness()) && !(neatCrossover() && larger(momGenome, dadGenome));
                G fitter = momFitter ? momGenome : dadGenome;
                G other = momFitter ? dadGenome : momGenome;
                child = breeder.crossover(fitter, other);
                // NEAT C++ always mutates a child of a genome with itself: it would be a copy
                boolean selfMating = neatCrossover() && (mom == dad || breeder.distance(momGenome, dadGenome) == 0);
                if (selfMating || !(rng.nextDouble() < p.mateOnly())) {
                    child = breeder.mutate(child);
                }
            }
            out.add(child);
        }
    }
}
