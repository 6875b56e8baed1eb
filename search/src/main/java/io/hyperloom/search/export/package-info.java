/**
 * Exports of stored results for other tools: generated weights as NumPy .npy files with a layout description,
 * so Python users can load what a run found.
 */
package io.hyperloom.search.export;
