/**
 * Dynamic hypernetworks: the HyperLSTM of Ha, Dai &amp; Le (2016), a small LSTM that reads the input and
 * the main LSTM's state every step and emits embeddings that scale the rows of the main LSTM's weight
 * matrices. Because its weights change per step it is a {@code DynamicWeightGenerator}: θ maps to the
 * main LSTM's base weights like any generator (so |W| matches {@code direct} on the same network), but
 * scoring and training run its own network, which reads θ and returns gradients in θ's layout.
 */
package io.hyperloom.hypernet.dynamic;
