/**
 * NEAT genomes as target networks themselves (classic NEAT on xor and pole balancing): the
 * {@code neat} generator family and the compiled network it builds, feed-forward or recurrent.
 */
package io.hyperloom.cppn.network;
