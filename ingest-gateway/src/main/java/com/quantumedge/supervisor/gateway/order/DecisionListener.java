package com.quantumedge.supervisor.gateway.order;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.runtime.listener.ListenerReadiness;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Receives order decisions for this gateway instance. Its consumer takes every partition of
 * {@code qe.order-decisions.v1} from the end by manual assignment (no consumer group: the gateway's
 * account has none, and decisions are keyed by bot id, so the partition of a reply is fixed by the
 * bot, not by the instance that asked; with a group each reply would reach one arbitrary replica).
 * Every replica sees every decision and completes only the correlation ids it is waiting for.
 *
 * <p>Runs as a {@link SupervisedListener} ({@link #supervised}): a consumer that fails is replaced
 * after a backoff that doubles up to its maximum, each replacement counted in
 * {@code gateway.order.decisions.listener.restarts}; an undecodable decision goes to the DLQ. It is
 * the readiness contributor {@code replies}: UP only while a consumer runs and has resolved its
 * position at the end of every partition, so a decision for a request sent now cannot be missed.
 * Order checks during a restart are denied by their timeout (fail closed).
 */
public class DecisionListener implements MessageListener<byte[], byte[]>, ConsumerSeekAware, ListenerReadiness {

    static final String READINESS = "replies";
    private static final String SERVICE = "ingest-gateway";

    private final Map<String, Sinks.One<OrderDecision>> waiting = new ConcurrentHashMap<>();
    private final Counter ignored;
    private volatile boolean positioned;

    public DecisionListener(MeterRegistry meters) {
        this.ignored = Counter.builder("gateway.order.decisions.ignored")
                .description("Decisions for requests this instance is not waiting for (other replica, or too late)").register(meters);
        Gauge.builder("gateway.order.checks.waiting", waiting, Map::size).description("Order checks awaiting a decision").register(meters);
    }

    /** The supervised consumer of this listener, not started yet; also the readiness contributor {@code replies}. */
    public SupervisedListener supervised(KafkaClientSettings kafka, String instanceId, RestartBackoff backoff, MeterRegistry meters) {
        return SupervisedListeners.builder(READINESS, SERVICE, kafka)
                .consumer(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG, "gateway-decisions-" + instanceId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                        ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))
                .assign(Topics.ORDER_DECISIONS.name(), SeekPosition.END)
                .listener(this)
                .readiness(this)
                .restartBackoff(backoff)
                .deadLetterClientId("gateway-decisions-dlq-" + instanceId)
                .restartsMetric("gateway.order.decisions.listener.restarts")
                .deadLettered(Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                        .tag("reader", "decisions").register(meters))
                // If the broker did not answer the position lookup at start, the first idle poll resolves it.
                .idleEventInterval(Duration.ofSeconds(1))
                .build(meters);
    }

    /** Registers interest before the request is sent; the Mono completes with the matching decision. */
    public Mono<OrderDecision> expect(String correlationId) {
        Sinks.One<OrderDecision> sink = Sinks.one();
        waiting.put(correlationId, sink);
        return sink.asMono().doFinally(signal -> waiting.remove(correlationId));
    }

    public void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    /** @throws RuntimeException for an undecodable decision, which the error handler sends to the DLQ */
    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record) {
        positioned = true;
        if (record.value() == null) {
            return;
        }
        OrderDecision decision = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        Sinks.One<OrderDecision> sink = waiting.remove(decision.getCorrelationId());
        if (sink == null) {
            ignored.increment();
        } else {
            sink.tryEmitValue(decision);
        }
    }

    /** Called with the positions the consumer resolved (the ends) once it is assigned. */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        positioned = true;
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        positioned = true;
    }

    @Override
    public String whyNotReady() {
        return positioned ? null : "decision consumer not positioned at the end of " + Topics.ORDER_DECISIONS.name() + " yet";
    }

    @Override
    public void consumerStopped() {
        positioned = false;
    }
}
