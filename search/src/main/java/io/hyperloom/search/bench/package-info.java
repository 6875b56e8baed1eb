/**
 * Engine-side throughput measurements that {@code hyperloom bench} prints: each returns a record
 * of timings, so the CLI only formats. Timings are wall-clock medians and mean little on a
 * machine shared with other work.
 */
package io.hyperloom.search.bench;
