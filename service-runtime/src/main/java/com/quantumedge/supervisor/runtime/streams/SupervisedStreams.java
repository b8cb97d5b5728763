package com.quantumedge.supervisor.runtime.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.kafka.StreamsGroupExit;

/**
 * A Kafka Streams client that cannot stop working silently. A stream thread that dies of an uncaught
 * exception is logged with the exception, counted, and replaced (its member then removed from the
 * group, so its partitions move to the replacement at once); past
 * {@link StreamsSupervisionProperties#maxThreadReplacements()} failures within the window the client
 * is shut down and a new one started with backoff, as is a client that reached ERROR any other way
 * (a failed global thread). Every client is closed by taking its members out of the consumer group
 * ({@link StreamsGroupExit}), so the next one is assigned at once.
 *
 * <p>Meters, tagged {@code app}: {@code supervisor.streams.thread.failures} (tag {@code action}:
 * {@code replace_thread} or {@code shutdown_client}), {@code supervisor.streams.restarts},
 * {@code supervisor.streams.state} (1 for the current state, tag {@code state}), and Kafka's own
 * client metrics through Micrometer's {@link KafkaStreamsMetrics}.
 */
public final class SupervisedStreams {

    private static final Logger log = LoggerFactory.getLogger(SupervisedStreams.class);
    private static final Duration GROUP_EXIT_TIMEOUT = Duration.ofSeconds(5);
    /** Time for a failed thread to close its clients after its replacement was decided. */
    private static final Duration DEAD_MEMBER_EVICTION_DELAY = Duration.ofSeconds(1);

    private final StreamsApp app;
    private final KafkaClientSettings kafka;
    private final MeterRegistry registry;
    private final StreamsSupervisionProperties supervision;
    private final Counter replacedThreads;
    private final Counter shutdownClients;
    private final Counter restarts;
    /** Times (nanos) of the thread failures within the window; guarded by itself. */
    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private ScheduledExecutorService restarter;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile boolean active;
    private long launchedAtNanos;
    private Duration nextRestartDelay;

    public SupervisedStreams(StreamsApp app, KafkaClientSettings kafka, MeterRegistry registry,
            StreamsSupervisionProperties supervision) {
        this.app = app;
        this.kafka = kafka;
        this.registry = registry;
        this.supervision = supervision;
        this.replacedThreads = failureCounter("replace_thread");
        this.shutdownClients = failureCounter("shutdown_client");
        this.restarts = Counter.builder("supervisor.streams.restarts").tag("app", app.name())
                .description("Kafka Streams clients closed and started anew after they failed").register(registry);
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder("supervisor.streams.state", this, self -> self.state() == s ? 1 : 0).tag("app", app.name())
                    .tag("state", s.name()).description("1 for the Kafka Streams client's current state").register(registry);
        }
    }

    private Counter failureCounter(String action) {
        return Counter.builder("supervisor.streams.thread.failures").tag("app", app.name()).tag("action", action)
                .description("Stream threads that died of an uncaught exception, by what was done about it")
                .register(registry);
    }

    public synchronized void start() {
        if (active) {
            return;
        }
        active = true;
        restarter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, app.name() + "-streams-restart");
            t.setDaemon(true);
            return t;
        });
        launch();
    }

    public synchronized void stop() {
        if (!active) {
            return;
        }
        active = false;
        restarter.shutdownNow();
        KafkaStreams s = streams;
        if (s != null) {
            close(s);
            streams = null;
        }
        log.info("{} streams closed", app.name());
    }

    public boolean isActive() {
        return active;
    }

    /** CREATED while no client exists (before start, after stop). */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    public String name() {
        return app.name();
    }

    /** Thread failures and client restarts so far, for health details. */
    public Map<String, Object> counts() {
        return Map.of("threadsReplaced", (long) replacedThreads.count(), "clientShutdowns", (long) shutdownClients.count(),
                "restarts", (long) restarts.count());
    }

    /** The running client, null when there is none; for interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    private void launch() {
        Map<String, Object> own = new HashMap<>(app.ownConfig());
        own.put(StreamsConfig.APPLICATION_ID_CONFIG, app.applicationId());
        own.put(StreamsConfig.STATE_DIR_CONFIG, app.stateDir());
        KafkaStreams s = new KafkaStreams(app.topology().get(), kafka.streams(own));
        s.setUncaughtExceptionHandler(this::onThreadFailure);
        s.setStateListener((to, from) -> onStateChange(s, from, to));
        streamsMetrics = new KafkaStreamsMetrics(s);
        streamsMetrics.bindTo(registry);
        streams = s;
        launchedAtNanos = System.nanoTime();
        s.start();
        log.info("{} streams started: application {} on {}", app.name(), app.applicationId(), kafka.bootstrapServers());
    }

    private StreamThreadExceptionResponse onThreadFailure(Throwable failure) {
        int failures = recordFailure();
        if (failures <= supervision.maxThreadReplacements()) {
            replacedThreads.increment();
            log.error("{} stream thread {} failed ({} of {} replacements allowed within {}); replacing it", app.name(),
                    Thread.currentThread().getName(), failures, supervision.maxThreadReplacements(),
                    supervision.replacementWindow(), failure);
            scheduleEviction();
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        shutdownClients.increment();
        log.error("{} stream thread {} failed, {} failures within {}; shutting the client down to start a new one",
                app.name(), Thread.currentThread().getName(), failures, supervision.replacementWindow(), failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * The dead thread's consumer stays in the group (Kafka Streams closes it without leaving), and its
     * partitions would wait out its session timeout (45 s by default) before the replacement gets them;
     * once it is closed, every member is removed and the live ones rejoin at once.
     */
    private void scheduleEviction() {
        try {
            restarter.schedule(() -> {
                if (active) {
                    StreamsGroupExit.leave(kafka, app.applicationId(), GROUP_EXIT_TIMEOUT);
                }
            }, DEAD_MEMBER_EVICTION_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping: closing the client takes its members out of the group anyway.
        }
    }

    private int recordFailure() {
        long now = System.nanoTime();
        synchronized (recentFailures) {
            recentFailures.addLast(now);
            while (now - recentFailures.peekFirst() > supervision.replacementWindow().toNanos()) {
                recentFailures.removeFirst();
            }
            return recentFailures.size();
        }
    }

    /** Runs on a stream thread (or the caller of start/close): only schedules, never closes from here. */
    private void onStateChange(KafkaStreams client, KafkaStreams.State from, KafkaStreams.State to) {
        if (to == KafkaStreams.State.ERROR) {
            log.error("{} streams {} -> {}", app.name(), from, to);
            try {
                // On the restarter: this thread may hold Streams' locks while stop() holds ours and closes the client.
                restarter.execute(() -> scheduleRestart(client));
            } catch (RejectedExecutionException e) {
                // Stopping: nothing to restart.
            }
        } else {
            log.info("{} streams {} -> {}", app.name(), from, to);
        }
    }

    private synchronized void scheduleRestart(KafkaStreams failed) {
        if (!active || streams != failed) {
            return;
        }
        if (System.nanoTime() - launchedAtNanos >= supervision.replacementWindow().toNanos()) {
            nextRestartDelay = null;
        }
        RestartBackoff backoff = supervision.restartBackoff();
        Duration delay = nextRestartDelay == null ? backoff.initial() : nextRestartDelay;
        nextRestartDelay = backoff.after(delay);
        log.warn("{} streams failed; starting a new client in {} ms", app.name(), delay.toMillis());
        restarter.schedule(() -> restart(failed), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(KafkaStreams failed) {
        if (!active || streams != failed) {
            return;
        }
        close(failed);
        synchronized (recentFailures) {
            recentFailures.clear();
        }
        restarts.increment();
        try {
            launch();
        } catch (RuntimeException e) {
            log.error("{} streams could not be started again", app.name(), e);
            streams = failed;
            scheduleRestart(failed);
        }
    }

    private void close(KafkaStreams s) {
        s.close(app.closeTimeout());
        // Out of the group now: the next client is assigned at once instead of after this one's session timeout.
        StreamsGroupExit.leave(kafka, app.applicationId(), GROUP_EXIT_TIMEOUT);
        if (streamsMetrics != null) {
            streamsMetrics.close();
            streamsMetrics = null;
        }
    }
}
