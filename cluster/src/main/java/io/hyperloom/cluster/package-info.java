/**
 * Fitness evaluation spread over a Hazelcast cluster: workers ({@link io.hyperloom.cluster.ClusterMembers#startWorker})
 * rebuild a run's fitness function from its spec and evaluate chunks of candidates that the
 * coordinator's {@link io.hyperloom.cluster.ClusterEvaluator} submits partition-routed and puts
 * back in candidate order, so a cluster run writes the same record as a local one.
 */
package io.hyperloom.cluster;
