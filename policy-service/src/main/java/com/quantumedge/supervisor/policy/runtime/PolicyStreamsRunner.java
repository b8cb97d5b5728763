package com.quantumedge.supervisor.policy.runtime;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.policy.advisor.AdvisorProperties;
import com.quantumedge.supervisor.policy.advisor.TrustMode;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.topology.PolicyObserver;
import com.quantumedge.supervisor.policy.topology.PolicyTopology;
import com.quantumedge.supervisor.runtime.streams.StreamsApp;
import com.quantumedge.supervisor.runtime.streams.StreamsRuntime;
import com.quantumedge.supervisor.runtime.streams.SupervisedStreams;

/** Runs the policy topology on the shared Streams runtime for the lifetime of the Spring context; closes it on shutdown. */
@Component
public class PolicyStreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PolicyStreamsRunner.class);

    private final PolicyConfig policy;
    private final SupervisedStreams streams;

    public PolicyStreamsRunner(PolicyConfig policy, PolicyStreamsProperties settings, PolicyObserver observer,
            AdvisorProperties advisor, StreamsRuntime runtime) {
        this.policy = policy;
        boolean llmChecksAnswered = advisor.enabled() && advisor.mode() != TrustMode.OFF;
        this.streams = runtime.supervise(new StreamsApp("policy", settings.applicationId(), settings.stateDir(),
                () -> PolicyTopology.buildTopology(new StreamsBuilder(), policy, observer, llmChecksAnswered).build(),
                ownKeys(settings), settings.closeTimeout()));
    }

    /** The policy's own keys, {@code extra} included; connection and security come from {@code spring.kafka.*}. */
    public static Map<String, Object> ownKeys(PolicyStreamsProperties settings) {
        Map<String, Object> props = new HashMap<>();
        // Commands should reach the agent promptly; Streams' default producer linger is 100 ms.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.extra());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.threads()));
        return props;
    }

    @Override
    public void start() {
        streams.start();
        log.info("Policy streams running policy {}", policy);
    }

    @Override
    public void stop() {
        streams.stop();
    }

    @Override
    public boolean isRunning() {
        return streams.isActive();
    }

    public SupervisedStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public int getPhase() {
        // Stop before the web server's graceful shutdown phase ends, start after it is up.
        return Integer.MAX_VALUE - 2048;
    }
}
