/**
 * Image classification tasks on datasets from the data directory: {@code mnist} and
 * {@code fashion-mnist} with the fixed 55,000/5,000/10,000 split of Ha et al. (2016), and the
 * 8×8 UCI {@code digits}. Fitness is validation accuracy; the final record adds test figures.
 * {@link io.hyperloom.search.task.images.LabelledImageTask} holds what they share with the
 * continual image tasks: input pipeline (scale, permute, centre), one-hot batches, scoring loop.
 */
package io.hyperloom.search.task.images;
