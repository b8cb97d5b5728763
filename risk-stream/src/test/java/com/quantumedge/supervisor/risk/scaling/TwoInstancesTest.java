package com.quantumedge.supervisor.risk.scaling;

import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.Funding;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Scaling on the real broker: two instances with one application id split the six tasks of the bot-keyed
 * inputs between them and both answer checks; when one stops, the other takes over its tasks, restores
 * their books from the changelog and answers its bots with the reservations they already held.
 */
class TwoInstancesTest {

    private static final int BOTS = 12;
    private static final double QTY = 0.01;
    private static final double PRICE = 60_000;

    private final List<KafkaStreams> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(s -> s.close(Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("two instances share the tasks and answer; after one stops, the other answers its bots from their restored books")
    void shareAndTakeOver() throws Exception {
        String appId = SharedKafkaBroker.uniqueName("risk-two");
        List<String> bots = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            bots.add(SharedKafkaBroker.uniqueName("bot"));
        }
        KafkaStreams first = start(appId, "a");
        KafkaStreams second = start(appId, "b");
        await().atMost(Duration.ofSeconds(90)).until(() -> running(first) && running(second)
                && !activePartitions(first).isEmpty() && !activePartitions(second).isEmpty()
                && activePartitions(first).size() + activePartitions(second).size() == Topics.PARTITIONS);
        Set<Integer> firstOwned = activePartitions(first);
        log("tasks split: " + firstOwned + " / " + activePartitions(second));
        assertThat(firstOwned).doesNotContainAnyElementsOf(activePartitions(second));

        try (KafkaProducer<String, byte[]> producer = producer(); Decisions decisions = new Decisions()) {
            Funding.fund(SharedKafkaBroker.bootstrapServers(), producer, bots);
            Map<String, OrderDecision> before = check(producer, decisions, bots, System.currentTimeMillis());
            assertThat(before.values()).extracting(OrderDecision::getCode).containsOnly(DecisionCode.OK);

            log("all answered; stopping the first instance");
            first.close(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(90)).until(() -> running(second) && activePartitions(second).size() == Topics.PARTITIONS);

            log("the second instance owns every task");
            Map<String, OrderDecision> after = check(producer, decisions, bots, System.currentTimeMillis() + 1);
            log("all answered again");
            int movedBots = 0;
            for (String bot : bots) {
                OrderDecision one = before.get(bot);
                OrderDecision two = after.get(bot);
                assertThat(two.getCode()).as(bot).isEqualTo(DecisionCode.OK);
                // The second order adds to the first one's reservation, which the book still holds.
                assertThat(two.getGrossExposureAfter()).as(bot).isCloseTo(2 * one.getGrossExposureAfter(), within(1e-6));
                if (firstOwned.contains(partition(bot))) {
                    movedBots++;
                }
            }
            assertThat(movedBots).as("bots whose books moved from the stopped instance").isPositive();
        }
    }

    private static void log(String message) {
        System.out.println(java.time.LocalTime.now() + " two instances: " + message);
    }

    private KafkaStreams start(String appId, String name) {
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, new TopologySettings(BookSettings.DEFAULTS, Duration.ofSeconds(1), Duration.ofDays(7),
                Clock.systemUTC(), RiskMetrics.NONE));
        Properties config = RiskStreamsConfig.defaults(SharedKafkaBroker.bootstrapServers(), appId,
                Path.of("target", appId + "-" + name).toAbsolutePath().toString());
        // Rebalances are noticed at the next heartbeat: a short interval keeps the test short.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "500");
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        instances.add(streams);
        streams.start();
        return streams;
    }

    private static boolean running(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    private static Set<Integer> activePartitions(KafkaStreams streams) {
        Set<Integer> partitions = new HashSet<>();
        streams.metadataForLocalThreads().forEach(thread -> {
            for (TaskMetadata task : thread.activeTasks()) {
                partitions.add(task.taskId().partition());
            }
        });
        return partitions;
    }

    /** The partition of the bot's inputs, as the producer's default partitioner places a String key. */
    private static int partition(String bot) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                bot.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % Topics.PARTITIONS;
    }

    /** One limit buy per bot; waits for every decision. */
    private static Map<String, OrderDecision> check(KafkaProducer<String, byte[]> producer, Decisions decisions, List<String> bots,
            long ts) {
        Map<String, String> botByCorrelation = new HashMap<>();
        for (String bot : bots) {
            OrderRequest request = limitBuy(bot, ts, "BTCUSDT", QTY, PRICE);
            botByCorrelation.put(request.getCorrelationId(), bot);
            producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), bot,
                    Topics.ORDER_REQUESTS.valueSerde().serializer().serialize(Topics.ORDER_REQUESTS.name(), request)));
        }
        producer.flush();
        Map<String, OrderDecision> byBot = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (OrderDecision d : decisions.poll()) {
                String bot = botByCorrelation.get(d.getCorrelationId());
                if (bot != null) {
                    byBot.put(bot, d);
                }
            }
            return byBot.size() == bots.size();
        });
        return byBot;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Decisions published from now on, every partition. */
    private static final class Decisions implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());

        Decisions() {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_DECISIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        List<OrderDecision> poll() {
            List<OrderDecision> out = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                out.add(Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            }
            return out;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
