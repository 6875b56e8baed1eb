package io.hyperloom.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;

import java.util.concurrent.Callable;

/**
 * What every task sent to the workers shares: a partition key that routes {@code submit} to the
 * member the coordinator chose (the key is not shipped), and, on the worker, its
 * {@link WorkerContext}.
 *
 * @param <T> the answer
 */
abstract class WorkerTask<T> implements Callable<T>, IdentifiedDataSerializable, HazelcastInstanceAware,
        PartitionAware<Integer> {

    private transient HazelcastInstance member;
    private transient Integer route;

    /** Routes the next {@code submit} to the owner of {@code key}'s partition; null: a random partition. */
    WorkerTask<T> routedBy(Integer key) {
        this.route = key;
        return this;
    }

    @Override
    public Integer getPartitionKey() {
        return route;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public int getFactoryId() {
        return ClusterSerialization.FACTORY_ID;
    }

    /** @throws WorkerSetupException when this member was not started by {@code hyperloom worker} */
    WorkerContext worker() {
        Object context = member == null ? null : member.getUserContext().get(WorkerContext.KEY);
        if (!(context instanceof WorkerContext worker)) {
            throw new WorkerSetupException("member " + where() + " is not a hyperloom worker (start workers with "
                    + "`hyperloom worker`)");
        }
        return worker;
    }

    /** This member, for messages. */
    String where() {
        return member == null ? "?" : member.getCluster().getLocalMember().toString();
    }
}
