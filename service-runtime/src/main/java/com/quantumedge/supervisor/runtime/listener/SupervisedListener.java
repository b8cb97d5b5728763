package com.quantumedge.supervisor.runtime.listener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.event.ConsumerFailedToStartEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

import com.quantumedge.supervisor.runtime.RestartBackoff;

import io.micrometer.core.instrument.Counter;

/**
 * One spring-kafka listener container that cannot stop silently. When its consumer stops without
 * being told to (an {@link Error} thrown by the listener or a deserializer, a fatal authorization or
 * offset error, a consumer that failed to start, or one found not running by the watchdog), the
 * container is thrown away and a new one started after the {@link RestartBackoff}; each replacement
 * is counted. Records the listener throws on are no failure of the consumer: they go to the DLQ
 * ({@link DeadLetterErrorHandler}) and the consumer goes on.
 *
 * <p>It is a readiness contributor: UP only while a consumer runs and its listener says it is ready
 * ({@link ListenerReadiness}); the details name what is missing under the listener's name.
 * Build it with {@link SupervisedListeners}.
 */
public final class SupervisedListener implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SupervisedListener.class);
    /** How often the watchdog looks at the container, besides the events that tell it at once. */
    private static final Duration WATCHDOG_INTERVAL = Duration.ofSeconds(1);

    private final String name;
    private final Supplier<AbstractMessageListenerContainer<?, ?>> containers;
    private final ListenerReadiness readiness;
    private final RestartBackoff backoff;
    private final Counter restarts;
    private final Runnable onClose;
    private final ScheduledExecutorService supervisor;
    private final AtomicBoolean restartPending = new AtomicBoolean();
    private volatile AbstractMessageListenerContainer<?, ?> container;
    private volatile String problem = "not started";
    private volatile boolean closed;
    private volatile boolean everStarted;
    private Duration nextBackoff;
    private ScheduledFuture<?> watchdog;

    SupervisedListener(String name, Supplier<AbstractMessageListenerContainer<?, ?>> containers, ListenerReadiness readiness,
            RestartBackoff backoff, Counter restarts, Runnable onClose) {
        this.name = name;
        this.containers = containers;
        this.readiness = readiness;
        this.backoff = backoff;
        this.nextBackoff = backoff.initial();
        this.restarts = restarts;
        this.onClose = onClose;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the first consumer (on the supervisor's thread: it may wait for topic metadata) and the watchdog. */
    public void start() {
        restartPending.set(true);
        problem = "consumer starting";
        supervisor.execute(this::startContainer);
        watchdog = supervisor.scheduleWithFixedDelay(this::check, WATCHDOG_INTERVAL.toMillis(), WATCHDOG_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    /** True while a consumer runs and the listener is ready. */
    public boolean isReady() {
        return !closed && !restartPending.get() && running() && readiness.whyNotReady() == null;
    }

    @Override
    public Health health() {
        if (isReady()) {
            return Health.up().build();
        }
        String why = closed ? "closed" : restartPending.get() || !running() ? problem : readiness.whyNotReady();
        return Health.down().withDetail(name, why == null ? problem : why).build();
    }

    private boolean running() {
        AbstractMessageListenerContainer<?, ?> c = container;
        return c != null && c.isRunning();
    }

    private void startContainer() {
        if (closed) {
            return;
        }
        try {
            AbstractMessageListenerContainer<?, ?> next = containers.get();
            next.setApplicationEventPublisher(this::onEvent);
            container = next;
            problem = "consumer started, listener not ready yet";
            if (everStarted) {
                restarts.increment();
            }
            everStarted = true;
            restartPending.set(false); // from here a failure of the new consumer schedules the next replacement
            next.start();
        } catch (RuntimeException e) {
            restartPending.set(false);
            failed("consumer could not be started: " + e, e);
        }
    }

    /** Container events come on the consumer's thread: only note them here, replace the container on the supervisor's. */
    private void onEvent(Object event) {
        log.debug("Listener {}: {}", name, event);
        if (event instanceof ConsumerStoppedEvent stopped) {
            readiness.consumerStopped();
            if (stopped.getReason() != ConsumerStoppedEvent.Reason.NORMAL) {
                failed("consumer stopped: " + stopped.getReason(), null);
            }
        } else if (event instanceof ConsumerFailedToStartEvent) {
            failed("consumer failed to start", null);
        }
    }

    private void check() {
        if (closed || restartPending.get()) {
            return;
        }
        if (!running()) {
            failed("consumer not running", null);
        } else if (readiness.whyNotReady() == null) {
            nextBackoff = backoff.initial();
        }
    }

    private void failed(String why, Throwable cause) {
        if (closed || !restartPending.compareAndSet(false, true)) {
            return;
        }
        Duration wait = nextBackoff;
        nextBackoff = backoff.after(wait);
        problem = why + "; a new consumer starts in " + wait.toMillis() + " ms";
        if (cause == null) {
            log.error("Listener {}: {}", name, problem);
        } else {
            log.error("Listener {}: {}", name, problem, cause);
        }
        supervisor.schedule(this::replace, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void replace() {
        stopQuietly(container);
        startContainer();
    }

    private void stopQuietly(AbstractMessageListenerContainer<?, ?> c) {
        if (c == null) {
            return;
        }
        try {
            c.stop();
        } catch (RuntimeException e) {
            log.debug("Stopping the failed consumer of {}", name, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(container);
        onClose.run();
    }
}
