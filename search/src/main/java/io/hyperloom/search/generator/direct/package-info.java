/**
 * The direct family, the baseline every other family is compared with: every weight is searched and W = θ.
 */
package io.hyperloom.search.generator.direct;
