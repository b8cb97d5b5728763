package com.quantumedge.supervisor.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Writes records keyed by bot id. The calling thread (a Netty event loop) never waits in the producer,
 * and a record is answered within {@code producer.max-block} plus {@code producer.delivery-timeout}, so
 * a dead or restarting broker turns into a quick {@link BrokerUnavailableException} (HTTP 503), never a
 * hang.
 *
 * <p>Two producers, two connections: order requests ({@code linger-ms}) and heartbeats, executions
 * and operator commands ({@code ingest-linger-ms}). A burst of ingest then never queues an order
 * check behind it in one accumulator or behind one connection's in-flight requests. Both send at once
 * by default: records that arrive while a request is in flight still go out together in the next
 * batch, and a linger only adds latency, which with callers waiting for the answer costs throughput.
 */
public class RecordPublisher implements AutoCloseable {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);

    private final KafkaProducer<String, byte[]> orderRequests;
    private final KafkaProducer<String, byte[]> ingest;
    private final BrokerConnectivity broker;
    private final MeterRegistry meters;
    private final Duration maxBlock;
    /** {@code max-block} + {@code delivery-timeout}: no caller waits longer for a publish, whatever the producer does. */
    private final Duration answerBound;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-publish-retry");
        t.setDaemon(true);
        return t;
    });

    public RecordPublisher(KafkaClientSettings kafka, GatewayProperties.Producer settings, BrokerConnectivity broker,
            MeterRegistry meters) {
        this.broker = broker;
        this.meters = meters;
        this.maxBlock = settings.maxBlock();
        this.answerBound = settings.maxBlock().plus(settings.deliveryTimeout());
        this.orderRequests = producer(kafka, settings, "ingest-gateway-orders", settings.lingerMs());
        this.ingest = producer(kafka, settings, "ingest-gateway", settings.ingestLingerMs());
    }

    private static KafkaProducer<String, byte[]> producer(KafkaClientSettings kafka, GatewayProperties.Producer settings,
            String clientId, int lingerMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        // Never wait in send(): see Send. producer.max-block bounds the retries instead.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        int delivery = (int) settings.deliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(100, delivery - lingerMs - 1));
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return new KafkaProducer<>(kafka.producer(config), new StringSerializer(), new ByteArraySerializer());
    }

    /** Loads topic metadata up front (for up to {@code producer.max-block}) so the first request does not wait for it. */
    public void warmUp(TopicSpec<?>... topics) {
        long deadline = System.nanoTime() + maxBlock.toNanos();
        for (TopicSpec<?> topic : topics) {
            while (!hasMetadata(topic) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Asks for the topic's metadata if the producer has none; never waits. */
    private boolean hasMetadata(TopicSpec<?> topic) {
        try {
            producerFor(topic).partitionsFor(topic.name());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public <V extends SpecificRecord> Mono<RecordMetadata> publish(TopicSpec<V> topic, String botId, V value) {
        if (!broker.isUp()) {
            failure(topic);
            return Mono.error(new BrokerUnavailableException("Kafka broker is unavailable", null));
        }
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), botId, bytes);
        return Mono.<RecordMetadata>create(sink -> new Send(topic, record, sink, System.nanoTime() + maxBlock.toNanos()).attempt())
                .timeout(answerBound, Mono.defer(() -> {
                    // The producer's own deadlines have passed without a callback (it can hold batches
                    // unexpired, e.g. while an idempotent producer waits for a producer id): answer anyway.
                    failure(topic);
                    broker.reportFailure();
                    return Mono.error(new BrokerUnavailableException("Kafka did not answer within " + answerBound.toMillis() + " ms", null));
                }));
    }

    /**
     * One record's way into the producer. The producer never waits in {@code send()} ({@code max.block.ms}
     * is 0): the caller is a Netty event loop, and a wait there (for topic metadata after a broker
     * restart, or for buffer space) stalls every request on that loop, one wait after another. When the
     * producer cannot take the record yet, the send is tried again from the retry timer until
     * {@code producer.max-block} has passed, then answered 503.
     */
    private final class Send {
        private final TopicSpec<?> topic;
        private final ProducerRecord<String, byte[]> record;
        private final MonoSink<RecordMetadata> sink;
        private final long deadlineNanos;
        /** The thread inside {@code send()} right now: a callback on it is a refusal before queueing. */
        private volatile Thread sending;
        /** The caller gave up (an order check past its deadline): a record not yet queued is not sent later. */
        private volatile boolean cancelled;

        Send(TopicSpec<?> topic, ProducerRecord<String, byte[]> record, MonoSink<RecordMetadata> sink, long deadlineNanos) {
            this.topic = topic;
            this.record = record;
            this.sink = sink;
            this.deadlineNanos = deadlineNanos;
            sink.onCancel(() -> cancelled = true);
        }

        void attempt() {
            if (cancelled) {
                return;
            }
            sending = Thread.currentThread();
            try {
                producerFor(topic).send(record, this::delivered);
            } catch (RuntimeException e) {
                failed(e);
            } finally {
                sending = null;
            }
        }

        /**
         * Runs on the producer's thread once the record is written or expired, or at once on the calling
         * thread when the producer refused it before queueing. Only such a refusal for want of metadata or
         * buffer space ({@link TimeoutException}) is tried again: a queued record is already bounded by
         * {@code delivery.timeout.ms}.
         */
        private void delivered(RecordMetadata metadata, Exception error) {
            boolean refusedBeforeQueueing = sending == Thread.currentThread();
            if (error == null) {
                sink.success(metadata);
            } else if (refusedBeforeQueueing && error instanceof TimeoutException && System.nanoTime() < deadlineNanos) {
                retryLater(error);
            } else {
                failed(error);
            }
        }

        private void retryLater(Exception error) {
            try {
                retries.schedule(this::attempt, RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                failed(error);
            }
        }

        private void failed(Exception error) {
            failure(topic);
            broker.reportFailure();
            sink.error(new BrokerUnavailableException("Kafka did not accept the record: " + error.getMessage(), error));
        }
    }

    private KafkaProducer<String, byte[]> producerFor(TopicSpec<?> topic) {
        return topic.name().equals(Topics.ORDER_REQUESTS.name()) ? orderRequests : ingest;
    }

    private void failure(TopicSpec<?> topic) {
        Counter.builder("gateway.produce.failures").description("Records the broker did not accept (or broker known down)")
                .tag("topic", topic.name()).register(meters).increment();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        orderRequests.close(Duration.ofSeconds(2));
        ingest.close(Duration.ofSeconds(2));
    }
}
