/**
 * The matrix-product seam of the hot path: one small BLAS-style interface, a plain loop kernel as the obviously-correct twin, and the fastest kernel the JVM supports. Networks and generators call nothing else for dense products, so speeding up this package speeds up every pass.
 */
package io.hyperloom.search.kernel;
