/**
 * Throughput benchmarks of the hot path, measured beside a plain EJML product in the same run so
 * that the ratio, not the absolute figure, carries the result. Engines only: they return
 * immutable rows and a plain-text table; the CLI prints them.
 */
package io.hyperloom.search.bench;
