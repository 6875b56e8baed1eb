/**
 * The visual discrimination (boxes) task of HyperNEAT, scalable to higher field resolutions so a champion can be re-queried on a larger substrate.
 */
package io.hyperloom.search.task.boxes;
