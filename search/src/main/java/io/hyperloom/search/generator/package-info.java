/**
 * The weight-generator contract: a differentiable map from searched parameters θ to target weights W, and the families (parametric or evolvable) that optimizers search. Families register themselves through GeneratorProvider so other modules can add them.
 */
package io.hyperloom.search.generator;
