package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.RiskBook;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.schemas.Topics;

@ExtendWith(KafkaBrokerExtension.class)
class RiskReplayCommandTest {

    private final String bot = SharedKafkaBroker.uniqueName("bot");
    private final long t0 = Instant.now().minusSeconds(600).toEpochMilli();

    @Test
    @DisplayName("risk-replay reproduces recorded decisions, and shows which change under a lower notional limit")
    void showsHowDecisionsChange() throws Exception {
        List<OrderRequest> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(OrderRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(t0 + i * 1000L)
                    .setCorrelationId("c-" + i).setSymbol("BTCUSDT").setSide(Side.BUY).setOrderType(OrderType.LIMIT)
                    .setQuantity(i < 5 ? 0.001 : 0.02).setPrice(60_000.0).build());
        }
        record(requests);
        String from = Instant.ofEpochMilli(t0 - 1000).toString();

        CliRun same = run("--from", from, "--bot", bot);
        assertThat(same.exit()).as(same.output()).isZero();
        assertThat(same.output()).contains("replayed 10 order checks").contains("0 of 10 recorded decisions change");

        Path limits = Files.createTempFile(Path.of("target"), "limits", ".json");
        Files.writeString(limits, "{\"max_order_notional\": 500.0}");
        CliRun lower = run("--from", from, "--bot", bot, "--limits", limits.toString());
        assertThat(lower.output()).contains("5 of 10 recorded decisions change")
                .containsPattern("NOTIONAL_EXCEEDS_MAX +0 +5")
                .contains("c-5 BUY BTCUSDT x 0.02: OK -> NOTIONAL_EXCEEDS_MAX");
    }

    /**
     * Writes a heartbeat with the bot's equity, the requests and, as the live risk-stream would, their
     * decisions under the built-in default limits (the equity keeps them from failing closed).
     */
    private void record(List<OrderRequest> requests) throws Exception {
        RiskBook book = new RiskBook(new RiskEngine(), BookSettings.DEFAULTS, Clock.systemUTC());
        BotRiskState state = new BotRiskState(bot);
        Heartbeat heartbeat = Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(t0 - 500)
                .setEquity(100_000.0).setPositions(List.of()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            book.onHeartbeat(state, heartbeat, EffectiveLimits.BUILTIN);
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), null, heartbeat.getTsMs(), bot,
                    Topics.HEARTBEATS.valueSerde().serializer().serialize("t", heartbeat)));
            for (OrderRequest r : requests) {
                OrderDecision d = book.onOrderRequest(state, r, EffectiveLimits.BUILTIN).decision();
                producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), null, r.getTsMs(), bot,
                        Topics.ORDER_REQUESTS.valueSerde().serializer().serialize("t", r)));
                producer.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), null, r.getTsMs() + 1, bot,
                        Topics.ORDER_DECISIONS.valueSerde().serializer().serialize("t", d)));
            }
            producer.flush();
        }
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", SharedKafkaBroker.bootstrapServers()));
        return CliRun.of(new RiskReplayCommand(), (c, out) -> c.out = out, all);
    }
}
