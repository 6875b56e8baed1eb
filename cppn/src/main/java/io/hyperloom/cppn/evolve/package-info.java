/**
 * NEAT (Stanley &amp; Miikkulainen 2002) on Jenetics types: mutation and innovation-aligned
 * crossover of CPPN genomes, speciation by compatibility distance, explicit fitness sharing,
 * stagnation and per-species elitism, and the {@code neat} optimizer that runs it on any genome family.
 *
 * <p>Why the generation loop is our own and not Jenetics' {@code Engine}: NEAT reproduces per
 * species (each species gets an offspring quota from its shared fitness, keeps its champion and
 * mates within itself), which Jenetics' survivor/offspring selectors and positional alterers cannot
 * express without hiding the species state in them; and the engine draws randomness from
 * {@code RandomRegistry} on its executor threads, while hyperloom requires every random draw from the
 * run's generator and results identical for any thread count. So each genome is one immutable allele
 * of a {@link GenomeGene} in a one-gene {@link GenomeChromosome} (positional crossover can never cut
 * through it), the population is an {@code ISeq} of Jenetics {@code Phenotype}s carrying fitness and
 * birth generation, and the loop in {@link NeatOptimizer} does speciation and reproduction itself;
 * evaluation goes through the run's {@code Evaluator} seam.
 */
package io.hyperloom.cppn.evolve;
