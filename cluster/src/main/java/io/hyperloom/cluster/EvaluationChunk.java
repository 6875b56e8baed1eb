package io.hyperloom.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.hyperloom.search.optimize.FitnessFunction;
import io.hyperloom.search.task.Score;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The task a worker runs: a few candidates of one generation, each with its evaluation seed, and
 * the run they belong to (spec, versions, dataset checksums) so the worker can rebuild the
 * fitness function. Running it twice gives the same result (evaluations are pure), so a chunk
 * whose worker left can simply be submitted again.
 *
 * <p>Candidates travel as θ ({@code double[]}) for parametric families and as the family's
 * genome bytes otherwise. The coordinator may give a chunk a partition key ({@link #routedBy}): {@code submit}
 * then sends it to that partition's owner (and, should the owner leave, Hazelcast re-runs it on the
 * partition's next owner); the key is not shipped.
 */
final class EvaluationChunk extends WorkerTask<ChunkResult> {

    static final byte THETA = 1;
    /** Candidates as their family's {@link io.hyperloom.search.generator.GenomeFamily#toBytes}. */
    static final byte GENOME = 2;

    private RunTicket run;
    private byte encoding;
    private double[][] thetas;
    private byte[][] genomes;
    private long[] seeds;

    EvaluationChunk() {
    }

    /** θ candidates; the arrays are referenced, not copied, and must not change until sent. */
    static EvaluationChunk ofThetas(RunTicket run, double[][] thetas, long[] seeds) {
        EvaluationChunk c = new EvaluationChunk();
        c.run = run;
        c.encoding = THETA;
        c.thetas = thetas;
        c.seeds = seeds;
        return c;
    }

    static EvaluationChunk ofGenomes(RunTicket run, byte[][] genomes, long[] seeds) {
        EvaluationChunk c = new EvaluationChunk();
        c.run = run;
        c.encoding = GENOME;
        c.genomes = genomes;
        c.seeds = seeds;
        return c;
    }

    int size() {
        return seeds.length;
    }

    /**
     * Runs on a worker. Setup problems (another hyperloom version, a dataset that differs from the
     * coordinator's, an unknown component) throw {@link WorkerSetupException} and fail the run;
     * an evaluation that throws scores {@link FitnessFunction#failureScore()} and is counted.
     */
    @Override
    public ChunkResult call() {
        long start = System.nanoTime();
        WorkerContext.Rebuilt rebuilt = worker().rebuild(run, encoding, where());
        @SuppressWarnings("unchecked")
        FitnessFunction<Object> function = (FitnessFunction<Object>) rebuilt.function();
        List<Score> scores = new ArrayList<>(seeds.length);
        int failures = 0;
        for (int i = 0; i < seeds.length; i++) {
            Score s;
            try {
                Object genome = encoding == THETA ? thetas[i] : rebuilt.decode(genomes[i]);
                s = function.evaluate(genome, seeds[i]);
            } catch (RuntimeException e) {
                failures++;
                s = function.failureScore();
            }
            scores.add(s);
        }
        return new ChunkResult(scores, failures, System.nanoTime() - start);
    }

    @Override
    public int getClassId() {
        return ClusterSerialization.CHUNK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        run.write(out);
        out.writeByte(encoding);
        out.writeLongArray(seeds);
        if (encoding == THETA) {
            for (double[] t : thetas) {
                out.writeDoubleArray(t);
            }
        } else {
            for (byte[] g : genomes) {
                out.writeByteArray(g);
            }
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        run = RunTicket.read(in);
        encoding = in.readByte();
        seeds = in.readLongArray();
        if (encoding == THETA) {
            thetas = new double[seeds.length][];
            for (int i = 0; i < seeds.length; i++) {
                thetas[i] = in.readDoubleArray();
            }
        } else if (encoding == GENOME) {
            genomes = new byte[seeds.length][];
            for (int i = 0; i < seeds.length; i++) {
                genomes[i] = in.readByteArray();
            }
        } else {
            throw new IOException("unknown candidate encoding " + encoding);
        }
    }
}
