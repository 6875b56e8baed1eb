/**
 * Comparison tables built from stored run records only: records are grouped into arms, each arm
 * summarised (sizes, median score with IQR and bootstrap interval, evaluations to a threshold,
 * time) and tested against a baseline arm; ablations add grid cells and main effects. Formatting
 * is deterministic, so a table rebuilt from the same JSON Lines file is byte-identical.
 */
package io.hyperloom.search.experiment.table;
