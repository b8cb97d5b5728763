package com.quantumedge.supervisor.policy.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.policy.advisor.AdvisorProperties;
import com.quantumedge.supervisor.policy.advisor.TrustMode;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.topology.PolicyTopology;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.kafka.StreamsGroupExit;

/** Runs the policy topology for the lifetime of the Spring context; closes it gracefully on shutdown. */
@Component
public class PolicyStreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyStreamsRunner.class);

    private final PolicyConfig policy;
    private final PolicyStreamsProperties settings;
    private final MeteredPolicyObserver observer;
    private final KafkaClientSettings kafka;
    private final boolean llmChecksAnswered;
    private volatile KafkaStreams streams;

    public PolicyStreamsRunner(PolicyConfig policy, PolicyStreamsProperties settings, MeteredPolicyObserver observer,
            AdvisorProperties advisor, KafkaClientSettings kafka) {
        this.policy = policy;
        this.settings = settings;
        this.observer = observer;
        this.kafka = kafka;
        this.llmChecksAnswered = advisor.enabled() && advisor.mode() != TrustMode.OFF;
    }

    @Override
    public void start() {
        Topology topology = PolicyTopology.buildTopology(new StreamsBuilder(), policy, observer, llmChecksAnswered).build();
        KafkaStreams s = new KafkaStreams(topology, streamsConfig());
        s.setUncaughtExceptionHandler(e -> {
            log.error("Policy stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        s.setStateListener((to, from) -> log.info("Policy streams {} -> {}", from, to));
        s.start();
        streams = s;
        log.info("Policy streams started: application {} on {}, policy {}", settings.applicationId(), kafka.bootstrapServers(), policy);
    }

    /** Connection and security from {@code spring.kafka.*}; these keys, {@code extra} included, win over it. */
    Properties streamsConfig() {
        Map<String, Object> props = new HashMap<>();
        // Commands should reach the agent promptly; Streams' default producer linger is 100 ms.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.extra());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.threads()));
        return kafka.streams(props);
    }

    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? KafkaStreams.State.CREATED : s.state();
    }

    @Override
    public void stop() {
        KafkaStreams s = streams;
        if (s != null) {
            s.close(settings.closeTimeout());
            // Out of the group now: a restarted instance is assigned at once instead of after this member's session.
            StreamsGroupExit.leave(kafka, settings.applicationId(), Duration.ofSeconds(5));
            streams = null;
            log.info("Policy streams closed");
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    @Override
    public int getPhase() {
        // Stop before the web server's graceful shutdown phase ends, start after it is up.
        return Integer.MAX_VALUE - 2048;
    }
}
