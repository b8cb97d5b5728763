package com.quantumedge.supervisor.policy.advisor;

import java.net.URI;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the LLM advisor beside the policy topology when {@code supervisor.policy.advisor.enabled}:
 * its input consumer, its rounds and, unless the mode is off, its producer. Does nothing when
 * disabled (the default).
 */
@Component
public class AdvisorService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdvisorService.class);

    private final AdvisorProperties settings;
    private final MeterRegistry registry;
    private final KafkaClientSettings kafka;
    private volatile AdvisorOutput output;
    private volatile Advisor advisor;
    private volatile SupervisedListener consumer;

    public AdvisorService(AdvisorProperties settings, MeterRegistry registry, KafkaClientSettings kafka) {
        this.settings = settings;
        this.registry = registry;
        this.kafka = kafka;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("LLM advisor disabled");
            return;
        }
        ApiKey apiKey = ApiKey.fromEnvironment(settings.apiKeyEnv());
        output = settings.mode() == TrustMode.OFF ? AdvisorOutput.NONE : new KafkaAdvisorOutput(kafka);
        advisor = new Advisor(settings, apiKey, output, registry, Clock.systemUTC());
        consumer = new AdvisorInputConsumer(advisor.inputs(), advisor::checkNow, settings.inputLookback())
                .supervised(kafka, settings.consumerGroup(), registry);
        consumer.start();
        advisor.scheduleRounds(settings.interval());
        log.info("LLM advisor started: mode {}, model {} at {}, every {}, API key {}", settings.mode(), settings.model(),
                URI.create(settings.baseUrl()).getHost(), settings.interval(),
                apiKey.isPresent() ? "from $" + settings.apiKeyEnv() : "none ($" + settings.apiKeyEnv() + " unset)");
    }

    @Override
    public void stop() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
        if (advisor != null) {
            advisor.close();
            advisor = null;
        }
        if (output != null) {
            output.close();
            output = null;
        }
    }

    /** The input consumer's readiness; UP while the advisor is disabled (nothing to wait for). */
    Health inputsHealth() {
        SupervisedListener c = consumer;
        if (c != null) {
            return c.health();
        }
        return settings.enabled() ? Health.down().withDetail(AdvisorInputConsumer.READINESS, "advisor not started").build()
                : Health.up().build();
    }

    @Override
    public boolean isRunning() {
        return advisor != null;
    }
}
