package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

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
        assertThat(run.output()).containsPattern("(?m)^ok +topics +all 13 catalog topics present");
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

    private CliRun diag() {
        return CliRun.of(new DiagCommand(), (c, out) -> c.out = out, List.of("--home", home.toString()));
    }
}
