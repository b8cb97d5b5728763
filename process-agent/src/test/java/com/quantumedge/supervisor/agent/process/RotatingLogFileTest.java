package com.quantumedge.supervisor.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a file below the limit is left alone")
    void belowLimit() throws Exception {
        RotatingLogFile log = new RotatingLogFile(dir.resolve("bot.log"), 100, 2);
        Files.writeString(log.prepare(), "short");
        assertThat(log.rotateIfNeeded()).isFalse();
        assertThat(Files.readString(log.path())).isEqualTo("short");
    }

    @Test
    @DisplayName("past the limit the content moves to .1, older files shift up, the oldest beyond the count is dropped")
    void rotates() throws Exception {
        RotatingLogFile log = new RotatingLogFile(dir.resolve("bot.log"), 10, 2);
        log.prepare();
        for (String generation : new String[] {"first-0123456789", "second-0123456789", "third-0123456789"}) {
            Files.writeString(log.path(), generation);
            assertThat(log.rotateIfNeeded()).isTrue();
        }
        assertThat(Files.size(log.path())).isZero();
        assertThat(Files.readString(log.numbered(1))).isEqualTo("third-0123456789");
        assertThat(Files.readString(log.numbered(2))).isEqualTo("second-0123456789");
        assertThat(log.numbered(3)).doesNotExist();
    }

    @Test
    @DisplayName("a writer in append mode keeps writing into the truncated file")
    void appendingWriterContinues() throws Exception {
        RotatingLogFile log = new RotatingLogFile(dir.resolve("bot.log"), 10, 2);
        try (var out = Files.newOutputStream(log.prepare(), java.nio.file.StandardOpenOption.APPEND)) {
            out.write("0123456789ABCDEF".getBytes());
            out.flush();
            log.rotateIfNeeded();
            out.write("after".getBytes());
        }
        assertThat(Files.readString(log.path())).isEqualTo("after");
    }
}
