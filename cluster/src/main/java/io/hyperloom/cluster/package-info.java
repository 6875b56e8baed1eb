/**
 * Work spread over a Hazelcast cluster. Workers ({@link io.hyperloom.cluster.ClusterMembers#startWorker})
 * rebuild a run from its spec and either evaluate chunks of candidates that the coordinator's
 * {@link io.hyperloom.cluster.ClusterEvaluator} submits partition-routed and puts back in candidate
 * order, or run whole runs of a grid ({@code --distribute runs}); either way a cluster run writes
 * the same record as a local one.
 */
package io.hyperloom.cluster;
