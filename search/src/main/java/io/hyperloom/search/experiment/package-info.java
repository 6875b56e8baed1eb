/**
 * Experiments as values: a RunSpec names everything a run depends on, running it yields a RunResult stored as one JSON line, and the registry finds every task, generator and optimizer on the class path. Reports and statistics are computed from stored results, never from memory.
 */
package io.hyperloom.search.experiment;
