/**
 * The left/right retina problem of Kashtan and Alon (2005): classify the objects on the two halves
 * of a 2×4 retina, the classic test of whether a network separates a problem into modules. Scored
 * for evolution and trainable as a supervised task.
 */
package io.hyperloom.search.task.retina;
