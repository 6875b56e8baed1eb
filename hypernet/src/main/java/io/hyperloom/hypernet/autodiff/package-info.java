/**
 * A small reverse-mode automatic differentiation over dense row-major matrices: a {@link
 * io.hyperloom.hypernet.autodiff.Tape} records one backward closure per operation and replays them in reverse,
 * accumulating gradients with {@code +=}. A handful of primitives are differentiated by hand; everything else is
 * composed from them, and products go through {@link io.hyperloom.search.kernel.MatrixKernel}.
 */
package io.hyperloom.hypernet.autodiff;
