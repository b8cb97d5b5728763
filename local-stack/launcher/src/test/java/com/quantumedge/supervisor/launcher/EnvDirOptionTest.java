package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code up --env-dir}: refused before anything starts when the directory is not a service environment. */
class EnvDirOptionTest {

    private final Path home = Path.of("target", "env-dir-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    @DisplayName("an env dir without common.env is refused, naming the file it needs")
    void withoutCommonEnv() throws Exception {
        Path envDir = Files.createDirectories(home.resolve("etc"));

        assertThatThrownBy(() -> LocalStack.start(new SupervisorHome(home), options(envDir)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("common.env");
    }

    @Test
    @DisplayName("a common.env without KAFKA_BOOTSTRAP is refused: the services would fall back to 127.0.0.1:9092")
    void withoutBootstrap() throws Exception {
        Path envDir = Files.createDirectories(home.resolve("etc"));
        Files.writeString(envDir.resolve("common.env"), "SPRING_KAFKA_SECURITY_PROTOCOL=SASL_SSL\n");

        assertThatThrownBy(() -> LocalStack.start(new SupervisorHome(home), options(envDir)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KAFKA_BOOTSTRAP");
    }

    private static LocalStack.Options options(Path envDir) {
        return new LocalStack.Options(false, null, 0, null, false, envDir);
    }
}
