/**
 * Gradient-trained hypernetworks: a small reverse-mode autodiff, static embedding hypernetworks after Ha, Dai and Le
 * (2016), and later dynamic and task-conditioned ones. Depends only on {@code search}; never on {@code cppn}.
 */
package io.hyperloom.hypernet;
