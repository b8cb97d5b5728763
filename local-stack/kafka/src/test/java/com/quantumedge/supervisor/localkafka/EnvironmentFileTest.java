package com.quantumedge.supervisor.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("comments and blank lines are skipped; a value is everything after the first '=', quotes and '=' inside kept")
    void valuesVerbatim() throws Exception {
        Path file = Files.writeString(dir.resolve("common.env"), """
                # a comment
                
                KAFKA_BOOTSTRAP=kafka-1:9093,kafka-2:9093
                SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG=org.apache.kafka.common.security.scram.ScramLoginModule required username="qe-x" password="a=b";
                """);

        assertThat(EnvironmentFile.read(file))
                .containsEntry("KAFKA_BOOTSTRAP", "kafka-1:9093,kafka-2:9093")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"qe-x\" password=\"a=b\";")
                .hasSize(2);
    }

    @Test
    @DisplayName("layered files: the service's own file, read after common.env, wins")
    void laterFileWins() throws Exception {
        Path common = Files.writeString(dir.resolve("common.env"), "A=common\nB=common\n");
        Path own = Files.writeString(dir.resolve("risk-stream.env"), "B=own\n");

        assertThat(EnvironmentFile.layered(List.of(common, own))).containsEntry("A", "common").containsEntry("B", "own");
    }

    @Test
    @DisplayName("a line that is not NAME=value is refused with file and line number")
    void badLineRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.env"), "A=1\njust words\n");

        assertThatThrownBy(() -> EnvironmentFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.env:2");
    }
}
