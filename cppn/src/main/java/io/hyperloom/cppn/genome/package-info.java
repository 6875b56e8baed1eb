/**
 * CPPN genomes as NEAT graphs: node genes with activation functions, connection genes with
 * historical markings (innovation numbers), their JSON form, and the run-scoped registry that
 * hands out innovation numbers. Genomes are immutable values; variation goes through a builder.
 */
package io.hyperloom.cppn.genome;
