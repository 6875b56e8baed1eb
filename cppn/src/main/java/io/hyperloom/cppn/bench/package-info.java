/**
 * Throughput benchmarks of the cppn module: HyperNEAT evaluations per second on boxes and the time
 * to decode a large substrate. Engine only; {@code hyperloom bench hyperneat} prints the table.
 */
package io.hyperloom.cppn.bench;
