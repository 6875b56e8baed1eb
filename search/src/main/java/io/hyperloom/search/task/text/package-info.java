/**
 * Character-level language modelling ({@code char-lm}) on a plain-text corpus, trained on parallel
 * streams with truncated backpropagation through time and scored in bits per character; also
 * sampling text from a trained model.
 */
package io.hyperloom.search.task.text;
