/**
 * Adam through the generator's backward pass, with chunked, thread-count-independent gradient accumulation, clipping, schedules and validation-based selection of the best θ.
 */
package io.hyperloom.search.optimize.adam;
