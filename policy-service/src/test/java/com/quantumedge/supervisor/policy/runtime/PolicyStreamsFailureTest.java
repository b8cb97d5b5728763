package com.quantumedge.supervisor.policy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.policy.topology.PolicyDriver;
import com.quantumedge.supervisor.policy.topology.PolicyObserver;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * An unexpected exception inside the policy topology (raised by its observer, the topology's
 * extension point, when it first sees a given bot) must not stop supervision: the thread is replaced,
 * or past the allowed replacements the client is restarted, readiness tells, and the bot's heartbeat
 * and later ones are processed.
 */
class PolicyStreamsFailureTest {

    private static final Map<String, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();
    private static final Set<String> seen = ConcurrentHashMap.newKeySet();

    @AfterEach
    void disarm() {
        failuresToInject.clear();
    }

    @Test
    @DisplayName("a stream thread that dies is counted and replaced; the heartbeat it failed on and later ones are processed")
    void failedThreadIsReplaced() {
        String poisoned = SharedKafkaBroker.uniqueName("bot");
        String later = SharedKafkaBroker.uniqueName("bot");
        try (KafkaProducer<String, byte[]> producer = producer(); ConfigurableApplicationContext context = start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);

            failuresToInject.put(poisoned, new AtomicInteger(1));
            sendHeartbeat(producer, poisoned);

            // Within the budget of a restart, not after the dead thread's session timeout (45 s).
            await().atMost(Duration.ofSeconds(15)).until(() -> seen.contains(poisoned));
            assertThat(failuresToInject.get(poisoned)).as("the failure was raised").hasValue(0);
            assertThat(counter(context, "supervisor.streams.thread.failures", "action", "replace_thread")).isEqualTo(1);
            assertThat(counter(context, "supervisor.streams.restarts", null, null)).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(context) == 200);
            sendHeartbeat(producer, later);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(later));
        }
    }

    @Test
    @DisplayName("past the allowed thread replacements the client shuts down: readiness DOWN, a new client starts, readiness UP, heartbeats processed")
    void clientIsRestartedPastTheReplacements() {
        String poisoned = SharedKafkaBroker.uniqueName("bot");
        String later = SharedKafkaBroker.uniqueName("bot");
        try (KafkaProducer<String, byte[]> producer = producer(); ConfigurableApplicationContext context = start(
                "--supervisor.streams.max-thread-replacements=0", "--supervisor.streams.restart-backoff-initial=2s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);

            failuresToInject.put(poisoned, new AtomicInteger(1));
            sendHeartbeat(producer, poisoned);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> readiness(context) == 503);
            assertThat(counter(context, "supervisor.streams.thread.failures", "action", "shutdown_client")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);
            assertThat(counter(context, "supervisor.streams.restarts", null, null)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(poisoned));
            sendHeartbeat(producer, later);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains(later));
        }
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String appId = SharedKafkaBroker.uniqueName("policy-failure");
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.policy.streams.application-id=" + appId,
                "--supervisor.policy.streams.state-dir=target/" + appId,
                "--supervisor.policy.ticks.enabled=false",
                "--logging.structured.format.console="));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(PolicyServiceApplication.class, FailingObserver.class).run(args.toArray(String[]::new));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private static void sendHeartbeat(KafkaProducer<String, byte[]> producer, String bot) {
        String topic = Topics.HEARTBEATS.name();
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(topic, null, now, bot,
                Topics.HEARTBEATS.valueSerde().serializer().serialize(topic, PolicyDriver.heartbeatOf(bot, now))));
        producer.flush();
    }

    private static int readiness(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HttpProbe.get("http://127.0.0.1:" + port + "/actuator/health/readiness").status();
    }

    private static double counter(ConfigurableApplicationContext context, String name, String tag, String value) {
        var search = context.getBean(MeterRegistry.class).find(name).tag("app", "policy");
        return (tag == null ? search : search.tag(tag, value)).counter().count();
    }

    /** A source of the test's context, not a {@code @Configuration}: component scanning of other tests never finds it. */
    static class FailingObserver {

        @Bean
        @Primary
        PolicyObserver failingOnFirstSight(MeteredPolicyObserver observer) {
            return new PolicyObserver() {
                @Override
                public void botSeen(String botId) {
                    AtomicInteger failures = failuresToInject.get(botId);
                    if (failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("failure injected by the test");
                    }
                    observer.botSeen(botId);
                    seen.add(botId);
                }

                @Override
                public void emitted(SpecificRecord record) {
                    observer.emitted(record);
                }

                @Override
                public void deadLettered(String topic, String reason) {
                    observer.deadLettered(topic, reason);
                }
            };
        }
    }
}
