package io.hyperloom.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.hyperloom.search.experiment.Json;
import io.hyperloom.search.experiment.RunResult;
import io.hyperloom.search.optimize.LocalEvaluator;
import io.hyperloom.search.optimize.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A whole run as one task: the worker checks the ticket as it does for chunks (same build, same
 * spec hash, same dataset checksums), runs the spec on one of its threads and answers the record
 * as JSON. Running it again gives the same record (runs are pure functions of their spec), so a
 * run whose worker left is simply submitted again.
 */
final class RunTask extends WorkerTask<String> {

    private RunTicket run;

    RunTask() {
    }

    RunTask(RunTicket run) {
        this.run = run;
    }

    @Override
    public String call() {
        WorkerContext worker = worker();
        String where = where();
        worker.built(run, where); // a run this worker cannot build fails as a setup problem, with its message
        RunResult r;
        // one thread per run: a worker's pool runs as many runs at once as it has threads
        try (LocalEvaluator one = new LocalEvaluator(1)) {
            r = worker.experimentsFor(run, where).run(run.spec(), one, ProgressListener.NONE);
        }
        try {
            return Json.MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.RUN;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        run.write(out);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        run = RunTicket.read(in);
    }
}
