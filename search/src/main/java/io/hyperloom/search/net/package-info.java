/**
 * Target networks: immutable architectures (dense, conv2d, max-pool, Elman recurrent layers), their parameter layouts with substrate geometry, and the batched forward and backward passes over one flat weight buffer. Every generator family fills a layout from this package, which is what makes the families comparable on the same networks.
 */
package io.hyperloom.search.net;
