package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WritePipelineTest {

    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);

    /** Opened by the test to let a batch's insert return. */
    private final Map<Batch, CountDownLatch> gates = new ConcurrentHashMap<>();
    /** Counted down by the writer when a batch's insert returned or threw. */
    private final Map<Batch, CountDownLatch> ended = new ConcurrentHashMap<>();
    private final Set<Batch> failOnce = ConcurrentHashMap.newKeySet();
    private final WritePipeline pipeline = new WritePipeline(3, "test-writer", this::insert);

    @AfterEach
    void close() {
        gates.values().forEach(CountDownLatch::countDown);
        pipeline.close();
    }

    private void insert(Batch b) {
        try {
            gates.get(b).await();
            if (failOnce.remove(b)) {
                throw new IllegalStateException("injected failure");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            ended.get(b).countDown();
        }
    }

    private Batch batch() {
        Batch b = new Batch(1 << 20);
        gates.put(b, new CountDownLatch(1));
        ended.put(b, new CountDownLatch(1));
        return b;
    }

    /** Lets one batch's insert end and takes its report (the only one that can come); returns it when it failed. */
    private List<WritePipeline.Write> finish(Batch b) throws InterruptedException {
        gates.get(b).countDown();
        assertThat(ended.get(b).await(5, TimeUnit.SECONDS)).isTrue();
        return pipeline.collect(WAIT);
    }

    private void retry(Batch b) {
        gates.put(b, new CountDownLatch(1));
        ended.put(b, new CountDownLatch(1));
    }

    @Test
    @DisplayName("a batch written before the one read ahead of it is not committable until that one is written too")
    void commitsOnlyAWrittenPrefix() throws Exception {
        Batch first = batch();
        Batch second = batch();
        pipeline.submit(first);
        pipeline.submit(second);

        assertThat(finish(second)).isEmpty();
        assertThat(pipeline.takeCommittable()).as("second is written, first is not").isEmpty();

        assertThat(finish(first)).isEmpty();
        assertThat(pipeline.takeCommittable()).containsExactly(first, second);
        assertThat(pipeline.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an insert failing in the middle of the pipeline holds back every later batch, written or not, "
            + "until a retry writes it; no new batch is taken meanwhile")
    void failureInTheMiddleHoldsBackWhatFollows() throws Exception {
        Batch first = batch();
        Batch middle = batch();
        Batch last = batch();
        failOnce.add(middle);
        pipeline.submit(first);
        pipeline.submit(middle);
        pipeline.submit(last);

        assertThat(finish(last)).isEmpty();
        assertThat(finish(middle)).extracting(w -> w.batch).containsExactly(middle);
        assertThat(finish(first)).isEmpty();
        assertThat(pipeline.takeCommittable()).containsExactly(first);
        assertThat(pipeline.takeCommittable()).as("last is written, middle is not").isEmpty();
        assertThat(pipeline.hasFailed()).isTrue();
        assertThat(pipeline.failing()).isTrue();

        retry(middle);
        pipeline.retryFailed();
        assertThat(pipeline.hasFailed()).as("retry running").isFalse();
        assertThat(pipeline.failing()).as("not known to be back until the retry is in").isTrue();
        assertThat(pipeline.takeCommittable()).isEmpty();

        assertThat(finish(middle)).isEmpty();
        assertThat(pipeline.failing()).isFalse();
        assertThat(pipeline.takeCommittable()).containsExactly(middle, last);
    }

    @Test
    @DisplayName("rows() counts every batch not yet committed, and hasRoom() stops at the number of writers")
    void boundedByWriters() throws Exception {
        Batch a = batch();
        Batch b = batch();
        Batch c = batch();
        pipeline.submit(a);
        pipeline.submit(b);
        assertThat(pipeline.hasRoom()).isTrue();
        pipeline.submit(c);
        assertThat(pipeline.hasRoom()).isFalse();
        finish(a);
        assertThat(pipeline.hasRoom()).as("written, not yet committed").isFalse();
        assertThat(pipeline.takeCommittable()).containsExactly(a);
        assertThat(pipeline.hasRoom()).isTrue();
        finish(b);
        finish(c);
    }
}
