/**
 * The {@code hypernet} generator family: static embedding hypernetworks after Ha, Dai and Le (2016, §3.1). Weight
 * tensors are cut into tiles of a basic shape, each tile has a learned embedding z, and one small two-layer linear
 * network per basic shape maps every embedding to its tile; the rest of the layout is searched directly.
 */
package io.hyperloom.hypernet.model;
