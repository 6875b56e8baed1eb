/**
 * Two-input XOR with NEAT's fitness and success criterion, the smallest sanity check for every optimizer.
 */
package io.hyperloom.search.task.xor;
