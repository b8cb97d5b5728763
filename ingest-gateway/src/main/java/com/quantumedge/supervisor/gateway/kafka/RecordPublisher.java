package com.quantumedge.supervisor.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * hang. A write the cluster refuses this principal (an ACL missing) is a
 * {@link KafkaNotAuthorizedException} at once, logged with topic and principal: retrying cannot help,
 * and the broker is not down.
 *
 * <p>Two producers, two connections: order requests ({@code linger-ms}) and heartbeats, executions
 * and operator commands ({@code ingest-linger-ms}). A burst of ingest then never queues an order
 * check behind it in one accumulator or behind one connection's in-flight requests. Both send at once
 * by default: records that arrive while a request is in flight still go out together in the next
 * batch, and a linger only adds latency, which with callers waiting for the answer costs throughput.
 */
public class RecordPublisher implements AutoCloseable {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);
    private static final String UNAVAILABLE = "unavailable";
    private static final String NOT_AUTHORIZED = "not_authorized";
    /** One ERROR line per topic per this interval however many requests are refused: the counter has them all. */
    private static final Duration NOT_AUTHORIZED_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern JAAS_USERNAME = Pattern.compile("username=\"([^\"]*)\"");
    private static final Logger log = LoggerFactory.getLogger(RecordPublisher.class);

    private final KafkaProducer<String, byte[]> orderRequests;
    private final KafkaProducer<String, byte[]> ingest;
    private final BrokerConnectivity broker;
    private final MeterRegistry meters;
    private final Duration maxBlock;
    /** {@code max-block} + {@code delivery-timeout}: no caller waits longer for a publish, whatever the producer does. */
    private final Duration answerBound;
    /** Who the cluster sees writing, for the operator: {@code User:<sasl user>}, or the security protocol. */
    private final String principal;
    private final Map<String, Long> notAuthorizedLoggedAt = new ConcurrentHashMap<>();
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
        this.principal = principal(kafka.producer(Map.of()));
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

    private static String principal(Map<String, Object> config) {
        Object jaas = config.get(SaslConfigs.SASL_JAAS_CONFIG);
        Matcher user = JAAS_USERNAME.matcher(jaas == null ? "" : jaas.toString());
        if (user.find()) {
            return "User:" + user.group(1);
        }
        return "the " + config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT") + " client";
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
            failure(topic, UNAVAILABLE);
            return Mono.error(new BrokerUnavailableException("Kafka broker is unavailable", null));
        }
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), botId, bytes);
        return Mono.<RecordMetadata>create(sink -> new Send(topic, record, sink, System.nanoTime() + maxBlock.toNanos()).attempt())
                .timeout(answerBound, Mono.defer(() -> {
                    // The producer's own deadlines have passed without a callback (it can hold batches
                    // unexpired, e.g. while an idempotent producer waits for a producer id): answer anyway.
                    failure(topic, UNAVAILABLE);
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
         * {@code delivery.timeout.ms}. An authorization error is never retried, also when it comes as the
         * cause of a metadata timeout (the topic's metadata answered {@code TOPIC_AUTHORIZATION_FAILED}).
         */
        private void delivered(RecordMetadata metadata, Exception error) {
            boolean refusedBeforeQueueing = sending == Thread.currentThread();
            if (error == null) {
                sink.success(metadata);
            } else if (refusedBeforeQueueing && error instanceof TimeoutException && authorizationError(error) == null
                    && System.nanoTime() < deadlineNanos) {
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

        private void notAuthorized(AuthorizationException error) {
            failure(topic, NOT_AUTHORIZED);
            long now = System.nanoTime();
            Long last = notAuthorizedLoggedAt.get(topic.name());
            if (last == null || now - last >= NOT_AUTHORIZED_LOG_INTERVAL.toNanos()) {
                notAuthorizedLoggedAt.put(topic.name(), now);
                log.error("Kafka refused {} writing {} ({}): grant it in the topic catalog's ACLs (./supervisor topics --acls); "
                        + "requests that write this topic fail with KAFKA_NOT_AUTHORIZED until then", principal, topic.name(), error.toString());
            }
            sink.error(new KafkaNotAuthorizedException(topic.name(), principal, error));
        }

        private void failed(Exception error) {
            AuthorizationException denied = authorizationError(error);
            if (denied != null) {
                notAuthorized(denied);
                return;
            }
            failure(topic, UNAVAILABLE);
            broker.reportFailure();
            sink.error(new BrokerUnavailableException("Kafka did not accept the record: " + error.getMessage(), error));
        }
    }

    private KafkaProducer<String, byte[]> producerFor(TopicSpec<?> topic) {
        return topic.name().equals(Topics.ORDER_REQUESTS.name()) ? orderRequests : ingest;
    }

    /** The authorization error in {@code error}'s cause chain, or null. */
    private static AuthorizationException authorizationError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthorizationException denied) {
                return denied;
            }
        }
        return null;
    }

    private void failure(TopicSpec<?> topic, String reason) {
        Counter.builder("gateway.produce.failures")
                .description("Records not written, by topic and reason: unavailable (broker down or not answering in time), "
                        + "not_authorized (the cluster refused this principal)")
                .tag("topic", topic.name()).tag("reason", reason).register(meters).increment();
    }

    @Override
    public void close() {
        retries.shutdownNow();
        orderRequests.close(Duration.ofSeconds(2));
        ingest.close(Duration.ofSeconds(2));
    }
}
