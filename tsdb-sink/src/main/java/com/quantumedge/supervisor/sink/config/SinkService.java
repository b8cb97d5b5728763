package com.quantumedge.supervisor.sink.config;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;
import com.quantumedge.supervisor.sink.retention.RetentionJob;

/**
 * Runs the sink: migrates the database (retrying while ClickHouse is not reachable, so the service
 * starts and waits rather than failing), then runs the sink loop on its own thread, and on servers
 * without TTL runs retention on a schedule. Stops by writing and committing what is buffered.
 *
 * <p>The loop is supervised: when it dies of an unexpected error it is counted
 * ({@code tsdb.sink.loop.failures}), readiness goes DOWN, and a new loop starts after a backoff
 * ({@code backoff-initial}, doubling up to {@code backoff-max}, back to the initial value once a loop
 * has run for {@code backoff-max}). The new loop reads from the committed offsets; what the dead one
 * wrote beyond them is written again and merged away by event id.
 */
public final class SinkService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SinkService.class);

    private final SinkProperties props;
    private final KafkaClientSettings kafka;
    private final ClickHouse clickHouse;
    private final TableLayouts layouts;
    private final SinkMetrics metrics;
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsdb-sink-retention");
        t.setDaemon(true);
        return t;
    });
    private final SinkLoop.BeforeCommit beforeCommit;
    private volatile SinkLoop loop;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean loopDead;

    public SinkService(SinkProperties props, KafkaClientSettings kafka, ClickHouse clickHouse, TableLayouts layouts,
            SinkMetrics metrics) {
        this(props, kafka, clickHouse, layouts, metrics, offsets -> { });
    }

    /** {@code beforeCommit} runs on the loop's thread after each write and before its offsets are committed. */
    public SinkService(SinkProperties props, KafkaClientSettings kafka, ClickHouse clickHouse, TableLayouts layouts,
            SinkMetrics metrics, SinkLoop.BeforeCommit beforeCommit) {
        this.props = props;
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.layouts = layouts;
        this.metrics = metrics;
        this.beforeCommit = beforeCommit;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "tsdb-sink");
        thread.start();
        long every = props.retentionInterval().toMillis();
        retention.scheduleWithFixedDelay(this::retention, every, every, TimeUnit.MILLISECONDS);
    }

    private void run() {
        RestartBackoff backoff = props.backoff();
        Duration wait = backoff.initial();
        while (running) {
            try {
                new Migrator(clickHouse, props.database(), layouts, props.retentionDays()).migrate();
                break;
            } catch (RuntimeException e) {
                log.warn("ClickHouse at {} not ready for migrations, retrying in {} ms: {}", props.clickhouseUrl(),
                        wait.toMillis(), e.getMessage());
                sleep(wait);
                wait = backoff.after(wait);
            }
        }
        if (!running) {
            return;
        }
        retention();
        superviseLoop(props.sinkSettings(kafka));
    }

    /** Runs sink loops one after another for as long as the service runs: a new one whenever one dies. */
    private void superviseLoop(SinkSettings settings) {
        RestartBackoff backoff = props.backoff();
        Duration wait = backoff.initial();
        while (running) {
            long startedAt = System.nanoTime();
            Optional<? extends Throwable> failure;
            try {
                SinkLoop l = new SinkLoop(settings, clickHouse, clickHouse::insertRowBinary, layouts, metrics, beforeCommit);
                loop = l;
                log.info("tsdb sink reading {} into {} at {}", layouts.topics(), props.database(), props.clickhouseUrl());
                loopDead = false;
                l.run();
                failure = l.failure();
            } catch (RuntimeException | Error e) {
                failure = Optional.of(e);
            }
            if (!running || failure.isEmpty()) {
                return;
            }
            loopDead = true;
            metrics.loopFailed();
            if (System.nanoTime() - startedAt >= backoff.max().toNanos()) {
                wait = backoff.initial();
            }
            log.error("sink loop died ({}); starting a new one in {} ms, from the committed offsets", failure.get(), wait.toMillis());
            sleep(wait);
            wait = backoff.after(wait);
        }
    }

    /**
     * False between a loop's death and its successor's start. True before the first loop (while
     * migrations wait for ClickHouse: an outage means lag, as it does for a running loop).
     */
    public boolean loopAlive() {
        return !loopDead;
    }

    private void retention() {
        try {
            if (!clickHouse.ping() || clickHouse.version().supportsTtl()) {
                return;
            }
            new RetentionJob(clickHouse, props.database(), props.retentionDays(), props.retentionDaysByTable()).run();
        } catch (RuntimeException e) {
            log.warn("retention run failed, next in {}: {}", props.retentionInterval(), e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        retention.shutdownNow();
        SinkLoop l = loop;
        if (l != null) {
            l.close();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
