package com.quantumedge.supervisor.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.quantumedge.supervisor.avro.AckStatus;

class ExecutedCommandsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("recorded outcomes survive reopening the store, the latest outcome of an id wins")
    void survivesRestart() {
        Path file = dir.resolve("executed.tsv");
        try (ExecutedCommands store = new ExecutedCommands(file, 100)) {
            store.record("c1", AckStatus.ACCEPTED, "accepted");
            store.record("c1", AckStatus.DONE, "restarted\twith a tab");
            store.record("c2", AckStatus.REJECTED, "bad");
        }
        try (ExecutedCommands reopened = new ExecutedCommands(file, 100)) {
            assertThat(reopened.get("c1")).contains(new ExecutedCommands.Entry("c1", AckStatus.DONE, "restarted with a tab"));
            assertThat(reopened.get("c2").orElseThrow().status()).isEqualTo(AckStatus.REJECTED);
            assertThat(reopened.get("c3")).isEmpty();
        }
    }

    @Test
    @DisplayName("only the newest ids up to the capacity are kept, also across reopening")
    void boundedAndCompacted() {
        Path file = dir.resolve("executed.tsv");
        try (ExecutedCommands store = new ExecutedCommands(file, 10)) {
            for (int i = 0; i < 35; i++) {
                store.record("c" + i, AckStatus.DONE, "");
            }
            assertThat(store.size()).isEqualTo(10);
        }
        try (ExecutedCommands reopened = new ExecutedCommands(file, 10)) {
            assertThat(reopened.get("c34")).isPresent();
            assertThat(reopened.get("c24")).isEmpty();
            assertThat(reopened.size()).isEqualTo(10);
        }
    }
}
