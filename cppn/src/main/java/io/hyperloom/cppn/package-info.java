/**
 * CPPN genomes evolved NEAT-style on Jenetics, HyperNEAT substrates and their decoding into target weights.
 * Depends only on {@code search}; never on {@code hypernet}.
 */
package io.hyperloom.cppn;
