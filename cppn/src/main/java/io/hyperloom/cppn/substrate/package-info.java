/**
 * HyperNEAT: the {@code cppn} generator family, which queries a compiled CPPN at the substrate
 * coordinates of every connection and bias of the target network. The same genome decodes for any
 * substrate resolution; the compiled CPPN also has a reverse-mode backward pass (for DPPN).
 */
package io.hyperloom.cppn.substrate;
