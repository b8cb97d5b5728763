package com.quantumedge.supervisor.runtime.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A supervised listener on the shared broker: a record its listener throws on goes to the DLQ with
 * the reason and the next one is applied; a consumer killed by an {@link Error} is replaced after the
 * backoff, readiness going DOWN and UP again, the restart counted, and later records applied.
 */
class SupervisedListenerTest {

    /** Applies every value; throws for "poison", and an Error for "fatal" while {@link #fatal} is armed. */
    static final class RecordingListener implements MessageListener<byte[], byte[]>, ConsumerSeekAware, ListenerReadiness {
        final Queue<String> applied = new ConcurrentLinkedQueue<>();
        final AtomicBoolean fatal = new AtomicBoolean(true);
        volatile boolean positioned;

        @Override
        public void onMessage(ConsumerRecord<byte[], byte[]> record) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            if (value.equals("poison")) {
                throw new IllegalArgumentException("not a record this listener understands");
            }
            if (value.equals("fatal") && fatal.getAndSet(false)) {
                throw new InjectedError();
            }
            applied.add(value);
        }

        @Override
        public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            positioned = true;
        }

        @Override
        public String whyNotReady() {
            return positioned ? null : "not positioned";
        }

        @Override
        public void consumerStopped() {
            positioned = false;
        }
    }

    static final class InjectedError extends Error {
        InjectedError() {
            super("injected: listener thread broken");
        }
    }

    @Test
    @DisplayName("a poison record goes to sup.dlq.v1 with its reason and the next is applied; a consumer killed by an Error is replaced and counted, readiness DOWN then UP")
    void deadLettersAndRestarts() throws Exception {
        String topic = SharedKafkaBroker.uniqueName("supervised");
        try (Admin admin = SharedKafkaBroker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordingListener listener = new RecordingListener();
        KafkaClientSettings kafka = KafkaClientSettings.bootstrap(SharedKafkaBroker.bootstrapServers());
        try (TestRecords records = new TestRecords(topic);
                SupervisedListener supervised = SupervisedListeners.builder("probe", "runtime-test", kafka)
                        .consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, topic, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100))
                        .assign(topic, SeekPosition.END)
                        .listener(listener)
                        .readiness(listener)
                        .restartBackoff(new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                        .build(meters)) {
            assertThat(supervised.health().getStatus()).isEqualTo(Status.DOWN);
            supervised.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> supervised.health().getStatus().equals(Status.UP));

            records.send("a");
            records.send("poison");
            records.send("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.applied.contains("b"));
            assertThat(listener.applied).containsExactly("a", "b");
            ConsumerRecord<byte[], byte[]> letter = records.deadLetter();
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo("IllegalArgumentException");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.FAILED_BY)).isEqualTo("runtime-test");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.MESSAGE)).isEqualTo("not a record this listener understands");
            assertThat(meters.counter(SupervisedListeners.DEAD_LETTERS_METRIC, "listener", "probe").count()).isEqualTo(1);

            records.send("fatal");
            await().atMost(Duration.ofSeconds(5)).until(() -> supervised.health().getStatus().equals(Status.DOWN)
                    && String.valueOf(supervised.health().getDetails().get("probe")).contains("a new consumer starts in"));
            await().atMost(Duration.ofSeconds(30)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(meters.counter(SupervisedListeners.RESTARTS_METRIC, "listener", "probe").count()).isEqualTo(1);

            records.send("c");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.applied.contains("c"));
        }
    }
}
