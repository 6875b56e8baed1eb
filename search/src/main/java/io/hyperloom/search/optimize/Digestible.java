package io.hyperloom.search.optimize;

/**
 * A genome that digests itself for the {@link EvaluationJournal}'s guard, cheaply and exactly, instead
 * of through its string form (a 14,762-gene NEAT genome prints a megabyte, with a decimal per weight).
 */
public interface Digestible {

    /**
     * A 64-bit hash of everything that makes the genome what it is (structure and exact weight bits),
     * the same in every JVM: no identity hash codes (of enums, say), no iteration over hashed sets.
     */
    long digest();
}
