/**
 * Throughput benchmarks of the hot path (batched passes, the DCT transform), each measured beside
 * a reference in the same run so that the ratio, not the absolute figure, carries the result.
 * Engines only: they return immutable rows and a plain-text table; {@code hyperloom bench} prints them.
 */
package io.hyperloom.search.bench;
