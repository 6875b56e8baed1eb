/**
 * Coordinate hypernetworks (Ha, Dai &amp; Le 2016, Appendix A.1): a CPPN of fixed topology — a small
 * MLP over the substrate coordinates — generates chosen weight tensors and is trained by gradient
 * only. It reuses the compiled-CPPN machinery of HyperNEAT with a genome that never changes.
 */
package io.hyperloom.cppn.coordnet;
