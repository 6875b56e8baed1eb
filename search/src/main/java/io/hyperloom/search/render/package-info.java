/**
 * Pictures of generated weights: every tensor of a layout as a PNG heat map in its natural tiling
 * (target sheets of source-sheet tiles, conv kernels as k×k tiles), so the regularity a generator
 * imposes can be seen.
 */
package io.hyperloom.search.render;
