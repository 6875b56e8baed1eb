/**
 * The {@code dct} family, compressed network search after Koutník, Gomez &amp; Schmidhuber (2010):
 * each weight tensor is the orthonormal inverse DCT of a coefficient array of its shape in which
 * only the k lowest frequencies are searched. Transforms are separable and touch only the rows the
 * kept coefficients can reach.
 */
package io.hyperloom.search.generator.dct;
