package com.quantumedge.supervisor.gateway.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Whether the broker answers, checked on a timer with a bounded admin call. Publishers fail fast
 * while it is down (503 instead of waiting out the producer timeouts), and readiness follows it;
 * both recover by themselves on the next successful check.
 */
public class BrokerConnectivity implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnectivity.class);

    private final Admin admin;
    private final Duration interval;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-broker-check");
        t.setDaemon(true);
        return t;
    });

    public BrokerConnectivity(KafkaClientSettings kafka, Duration interval) {
        this.interval = interval;
        int timeoutMs = (int) Math.max(200, interval.toMillis());
        this.admin = Admin.create(kafka.admin(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                AdminClientConfig.CLIENT_ID_CONFIG, "gateway-broker-check")));
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isUp() {
        return up.get();
    }

    /** A failed produce is evidence too: it marks the broker down until the next successful check. */
    public void reportFailure() {
        if (up.compareAndSet(true, false)) {
            log.warn("Kafka broker marked unavailable after a failed produce");
        }
    }

    void check() {
        boolean ok;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.max(200, interval.toMillis())))
                    .nodes().get(interval.toMillis() * 2, TimeUnit.MILLISECONDS);
            ok = true;
        } catch (Exception e) {
            ok = false;
        }
        boolean was = up.getAndSet(ok);
        if (was != ok) {
            if (ok) {
                log.info("Kafka broker reachable again");
            } else {
                log.warn("Kafka broker unreachable");
            }
        }
    }

    @Override
    public Health health() {
        return up.get() ? Health.up().build() : Health.down().withDetail("kafka", "unreachable").build();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
