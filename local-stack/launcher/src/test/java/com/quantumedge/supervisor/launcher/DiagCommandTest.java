package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.RiskLimits;

import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

@ExtendWith(KafkaBrokerExtension.class)
class DiagCommandTest {

    private final Path home = Path.of("target", "diag-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    @DisplayName("diag passes Kafka and topics, and fails with a clear line for what is not configured")
    void reportsEachCheck() {
        new SupervisorHome(home).writeEnv(Map.of("KAFKA_BOOTSTRAP", SharedKafkaBroker.bootstrapServers()));

        CliRun run = diag();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).containsPattern("(?m)^ok +kafka +1 broker\\(s\\)");
        assertThat(run.output()).containsPattern("(?m)^ok +topics +all " + Topics.ALL.size() + " catalog topics present");
        assertThat(run.output()).containsPattern("(?m)^FAIL configuration +not set: GATEWAY_URL, BOT_TOKEN, OPERATOR_TOKEN, VIEWER_TOKEN");
        assertThat(run.output()).containsPattern("(?m)^FAIL gateway +GATEWAY_URL not set");
    }

    @Test
    @DisplayName("an unreachable broker is one failed check, not a crash")
    void unreachableKafkaFails() {
        new SupervisorHome(home).writeEnv(Map.of("KAFKA_BOOTSTRAP", "127.0.0.1:1"));

        CliRun run = diag();

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).containsPattern("(?m)^FAIL kafka +unreachable");
    }

    @Test
    @DisplayName("a check switched off in a bot's limits on the topic is a WARN line naming the check, the bot and who did it; diag still passes on it")
    void warnsForEveryCheckSwitchedOff() throws Exception {
        new SupervisorHome(home).writeEnv(Map.of("KAFKA_BOOTSTRAP", SharedKafkaBroker.bootstrapServers()));
        String loose = SharedKafkaBroker.uniqueName("bot");
        String strict = SharedKafkaBroker.uniqueName("bot");
        publish(limits(loose, 2, List.of("NOTIONAL_EXCEEDS_MAX", "DRAWDOWN_LIMIT")), limits(strict, 1, null));

        CliRun run = diag();

        assertThat(run.output()).containsPattern("(?m)^WARN limits +NOTIONAL_EXCEEDS_MAX is switched off for bot " + loose
                + " \\(disabled_checks of '" + loose + "' v2, by test: why not\\)$");
        assertThat(run.output()).containsPattern("(?m)^WARN limits +DRAWDOWN_LIMIT is switched off for bot " + loose + " ");
        assertThat(run.output()).doesNotContain(strict);
        assertThat(run.output()).doesNotContainPattern("(?m)^FAIL limits");
    }

    static Stream<Arguments> limitsTopics() {
        RiskLimits builtinAsDefaults = RiskLimits.newBuilder(limits("*", 1, List.of()))
                .setMaxOrderQty(1_000_000.0).setMaxOrderNotionalPctEquity(25.0).build();
        return Stream.of(
                Arguments.of("nothing published (built-in defaults)", Map.of(), List.of()),
                Arguments.of("the configured defaults and a bot without a list", Map.of("*", builtinAsDefaults, "b1", limits("b1", 1, null)), List.of()),
                Arguments.of("a list naming no check switches nothing off", Map.of("b1", limits("b1", 1, List.of("NOT_A_CHECK"))), List.of()),
                Arguments.of("the defaults' list: one line per check, for every bot without its own",
                        Map.of("*", limits("*", 3, List.of("EQUITY_UNKNOWN", "NOTIONAL_EXCEEDS_MAX")), "b1", limits("b1", 1, null)),
                        List.of("NOTIONAL_EXCEEDS_MAX is switched off for every bot without its own disabled_checks",
                                "EQUITY_UNKNOWN is switched off for every bot without its own disabled_checks")),
                Arguments.of("a bot's own empty list switches its checks back on; another bot's list is its own line",
                        Map.of("*", limits("*", 3, List.of("SUBMIT_RATE_EXCEEDED")), "b1", limits("b1", 1, List.of()),
                                "b2", limits("b2", 4, List.of("QTY_EXCEEDS_MAX", "SUBMIT_RATE_EXCEEDED"))),
                        List.of("SUBMIT_RATE_EXCEEDED is switched off for every bot without its own disabled_checks",
                                "QTY_EXCEEDS_MAX is switched off for bot b2", "SUBMIT_RATE_EXCEEDED is switched off for bot b2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitsTopics")
    @DisplayName("one WARN per check switched off by the defaults or a bot; with every check on, one ok line")
    void disabledChecksLines(String title, Map<String, RiskLimits> latest, List<String> warnings) {
        List<DiagCommand.Check> lines = DisabledChecks.check(latest);

        if (warnings.isEmpty()) {
            assertThat(lines).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(DiagCommand.Status.OK);
                assertThat(c.detail()).startsWith("every risk check is on");
            });
        } else {
            assertThat(lines).allSatisfy(c -> assertThat(c.status()).isEqualTo(DiagCommand.Status.WARN));
            assertThat(lines).hasSameSizeAs(warnings);
            assertThat(lines).extracting(DiagCommand.Check::detail)
                    .allSatisfy(d -> assertThat(warnings).anySatisfy(w -> assertThat(d).startsWith(w + " (")));
        }
    }

    private static RiskLimits limits(String key, long version, List<String> disabled) {
        return RiskLimits.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(key).setTsMs(System.currentTimeMillis())
                .setVersion(version).setUpdatedBy("test").setReason("why not").setDisabledChecks(disabled).build();
    }

    private static void publish(RiskLimits... records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RiskLimits r : records) {
                producer.send(new ProducerRecord<>(Topics.RISK_LIMITS.name(), r.getBotId(),
                        Topics.RISK_LIMITS.valueSerde().serializer().serialize(Topics.RISK_LIMITS.name(), r))).get();
            }
        }
    }

    private CliRun diag() {
        return CliRun.of(new DiagCommand(), (c, out) -> c.out = out, List.of("--home", home.toString()));
    }
}
