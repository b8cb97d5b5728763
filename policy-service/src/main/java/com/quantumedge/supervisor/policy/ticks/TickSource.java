package com.quantumedge.supervisor.policy.ticks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.policy.runtime.KnownBots;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The policy's clock: outside the topology, driven by the wall clock, it writes one Tick per known
 * bot per interval to {@code sup.ticks.v1}. Two instances ticking the same bot are harmless: the
 * policy only ever moves a bot's clock forward.
 */
@Component
public class TickSource implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TickSource.class);

    private final TickSourceProperties settings;
    private final KnownBots knownBots;
    private final KafkaClientSettings kafka;
    private final Counter ticksSent;
    private final Counter tickFailures;
    private final Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService scheduler;
    private volatile Producer<String, Tick> producer;

    public TickSource(TickSourceProperties settings, KnownBots knownBots, MeterRegistry registry, KafkaClientSettings kafka) {
        this.settings = settings;
        this.knownBots = knownBots;
        this.kafka = kafka;
        this.ticksSent = Counter.builder("policy.ticks.sent").description("Ticks written to sup.ticks.v1").register(registry);
        this.tickFailures = Counter.builder("policy.ticks.failed").description("Ticks the broker did not accept")
                .register(registry);
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Tick source disabled");
            return;
        }
        // acks=1 whatever spring.kafka.producer.acks says: a tick lost with a broker is replaced by the next one.
        // Hence no idempotence either (it needs acks=all), even where production settings switch it on for every producer.
        producer = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "policy-tick-source",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)),
                Topics.TICKS.keySerde().serializer(), Topics.TICKS.valueSerde().serializer());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "policy-tick-source"));
        long periodMs = settings.interval().toMillis();
        scheduler.scheduleAtFixedRate(this::tickAll, periodMs, periodMs, TimeUnit.MILLISECONDS);
        log.info("Tick source started: every {} ms, configured bots {}", periodMs, settings.bots());
    }

    void tickAll() {
        try {
            long nowMs = clock.millis();
            for (String botId : bots()) {
                producer.send(new ProducerRecord<>(Topics.TICKS.name(), null, nowMs, botId, tick(botId, nowMs)),
                        (meta, error) -> (error == null ? ticksSent : tickFailures).increment());
            }
        } catch (RuntimeException e) {
            // Never let one failure cancel the schedule: the next tick tries again.
            log.warn("Tick round failed: {}", e.toString());
        }
    }

    Set<String> bots() {
        Set<String> bots = new TreeSet<>(settings.bots());
        bots.addAll(knownBots.snapshot());
        return bots;
    }

    static Tick tick(String botId, long nowMs) {
        String id = UUID.nameUUIDFromBytes(("tick|" + botId + "|" + nowMs).getBytes(StandardCharsets.UTF_8)).toString();
        return Tick.newBuilder().setEventId(id).setBotId(botId).setTsMs(nowMs).setSource("policy-tick-source").build();
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        Producer<String, Tick> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
