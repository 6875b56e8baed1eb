/**
 * The experiment report: from stored run records alone, a Markdown report, a self-contained HTML
 * report (plots embedded, no network needed), the comparison table as CSV, and PNG plots drawn
 * with XChart. Output is deterministic, so a report rebuilt from the JSON Lines file is byte-identical.
 */
package io.hyperloom.cli.report;
