package com.quantumedge.supervisor.policy.alerts;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.policy.runtime.PolicyStreamsProperties;
import com.quantumedge.supervisor.policy.runtime.PolicyStreamsRunner;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.streams.StreamsApp;
import com.quantumedge.supervisor.runtime.streams.StreamsRuntime;
import com.quantumedge.supervisor.runtime.streams.SupervisedStreams;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the alert topology (its own Streams application on the shared runtime, so a failure there
 * never stops the policy) and the {@link AlertmanagerNotifier} for the lifetime of the context.
 * Neither is part of readiness: paging is not needed for risk supervision; a dead stream thread or
 * consumer is replaced and counted by the runtime like the policy's.
 */
@Component
public class AlertsService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertsService.class);

    private final AlertsProperties settings;
    private final SupervisedStreams streams;
    private final AlertmanagerNotifier notifier;
    private final SupervisedListener consumer;
    private volatile boolean running;

    public AlertsService(AlertsProperties settings, PolicyStreamsProperties policyStreams, StreamsRuntime runtime,
            KafkaClientSettings kafka, MeterRegistry meters) {
        this.settings = settings;
        if (!settings.enabled()) {
            this.streams = null;
            this.notifier = null;
            this.consumer = null;
            return;
        }
        String applicationId = settings.applicationId().isBlank() ? policyStreams.applicationId() + "-alerts" : settings.applicationId();
        String stateDir = settings.stateDir().isBlank() ? policyStreams.stateDir() + "-alerts" : settings.stateDir();
        Map<String, Object> own = new HashMap<>(PolicyStreamsRunner.ownKeys(policyStreams));
        own.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        this.streams = runtime.supervise(new StreamsApp("alerts", applicationId, stateDir,
                () -> AlertsTopology.buildTopology(new StreamsBuilder(), settings.deadLetterQuietPeriod()).build(),
                own, policyStreams.closeTimeout()));
        this.notifier = new AlertmanagerNotifier(settings, meters, Clock.systemUTC());
        this.consumer = notifier.supervised(kafka);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Supervisor alerts disabled (supervisor.policy.alerts.enabled=false)");
            return;
        }
        streams.start();
        notifier.start();
        consumer.start();
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.close();
        notifier.close();
        streams.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The notifier, for tests. */
    AlertmanagerNotifier notifier() {
        return notifier;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }
}
