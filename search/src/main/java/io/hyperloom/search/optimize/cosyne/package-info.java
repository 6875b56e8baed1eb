/**
 * CoSyNE, cooperative synapse neuroevolution (Gomez, Schmidhuber &amp; Miikkulainen 2008): one
 * subpopulation per θ coordinate, networks formed column-wise, recombination of the best quarter,
 * and a fitness-dependent permutation within each subpopulation.
 */
package io.hyperloom.search.optimize.cosyne;
