package com.quantumedge.supervisor.sink.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Batches on their way into ClickHouse, inserted by up to {@code writers} threads at once and kept
 * in the order they were read, which is the order their offsets may be committed in: a batch
 * counts as committable only when it and every batch before it are written. Driven by one thread
 * (the consumer's); the writer threads only run inserts and report back through a queue.
 */
final class WritePipeline implements AutoCloseable {

    /** One batch and the state of its latest insert attempt, as the driving thread last saw it. */
    static final class Write {

        enum State { RUNNING, WRITTEN, FAILED }

        final Batch batch;
        private State state = State.RUNNING;
        private int attempts;
        /** Set by the writer thread before it reports the attempt; read after taking the report. */
        private Throwable failure;

        private Write(Batch batch) {
            this.batch = batch;
        }

        Throwable failure() {
            return failure;
        }

        boolean running() {
            return state == State.RUNNING;
        }
    }

    private final int writers;
    private final Consumer<Batch> insert;
    private final ExecutorService executor;
    private final ArrayDeque<Write> inOrder = new ArrayDeque<>();
    private final BlockingQueue<Write> reports = new LinkedBlockingQueue<>();
    private int running;

    /** {@code insert} runs on a writer thread and throws when the batch is not (entirely) in. */
    WritePipeline(int writers, String threadName, Consumer<Batch> insert) {
        this.writers = writers;
        this.insert = insert;
        this.executor = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    boolean hasRoom() {
        return inOrder.size() < writers;
    }

    boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /** True while a batch waits for another attempt after a failed one. */
    boolean hasFailed() {
        return inOrder.stream().anyMatch(w -> w.state == Write.State.FAILED);
    }

    /** True from a failed attempt until that batch is written: ClickHouse is not known to be back. */
    boolean failing() {
        return inOrder.stream().anyMatch(w -> w.state == Write.State.FAILED || (w.running() && w.attempts > 1));
    }

    /** Rows held by every batch not yet committed. */
    long rows() {
        long rows = 0;
        for (Write w : inOrder) {
            rows += w.batch.rows();
        }
        return rows;
    }

    void submit(Batch batch) {
        batch.markSubmitted();
        Write w = new Write(batch);
        inOrder.addLast(w);
        start(w);
    }

    /** Starts another attempt of every failed write; the tables a batch already wrote are skipped. */
    void retryFailed() {
        for (Write w : inOrder) {
            if (w.state == Write.State.FAILED) {
                start(w);
            }
        }
    }

    private void start(Write w) {
        w.state = Write.State.RUNNING;
        w.failure = null;
        w.attempts++;
        running++;
        executor.execute(() -> {
            try {
                insert.accept(w.batch);
            } catch (Throwable e) {
                w.failure = e;
            }
            reports.add(w);
        });
    }

    /**
     * Takes the reports of attempts that ended, waiting up to {@code maxWaitNanos} for the first
     * when none has (also when none is running: the driving thread has nothing else to do then);
     * returns the attempts that failed.
     */
    List<Write> collect(long maxWaitNanos) throws InterruptedException {
        Write w = maxWaitNanos > 0 ? reports.poll(maxWaitNanos, TimeUnit.NANOSECONDS) : reports.poll();
        List<Write> failed = new ArrayList<>();
        while (w != null) {
            running--;
            if (w.failure == null) {
                w.state = Write.State.WRITTEN;
            } else {
                w.state = Write.State.FAILED;
                failed.add(w);
            }
            w = reports.poll();
        }
        return failed;
    }

    /** Waits until no attempt is running (for a rebalance or close); returns the attempts that failed. */
    List<Write> awaitIdle(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        List<Write> failed = new ArrayList<>(collect(0));
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            failed.addAll(collect(left));
        }
        return failed;
    }

    /** Removes and returns the written batches at the head: their offsets may be committed. */
    List<Batch> takeCommittable() {
        List<Batch> out = new ArrayList<>();
        while (!inOrder.isEmpty() && inOrder.peekFirst().state == Write.State.WRITTEN) {
            out.add(inOrder.pollFirst().batch);
        }
        return out;
    }

    /**
     * Forgets every batch not committed (their partitions are revoked, lost or re-read) and returns
     * them. A batch whose attempt is still running must not be reused: its writer still reads it,
     * and its report, when it comes, is taken and ignored.
     */
    List<Write> drop() {
        List<Write> out = new ArrayList<>(inOrder);
        inOrder.clear();
        return out;
    }

    boolean idle() {
        return running == 0;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
