/**
 * Hybrids of evolution and gradient descent: an evolutionary outer loop over genomes (structure
 * and θ) and a short Adam session on every candidate's θ before it is scored, with Lamarckian or
 * Baldwinian inheritance. DPPN (Fernando et al. 2016) is this optimizer with the {@code cppn} family.
 */
package io.hyperloom.search.optimize.hybrid;
