package com.quantumedge.supervisor.policy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Policy files for replays")
class PolicyConfigLoaderTest {

    static Path write(String name, String text) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "policy-files"));
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    @DisplayName("a YAML policy file overrides what it names and keeps every other default")
    void yamlOverrides() throws IOException {
        Path file = write("policy.yml", """
                supervisor:
                  policy:
                    heartbeat:
                      restart-after: 2m
                    restart:
                      max-per-window: 5
                    operator:
                      allowed-modes: [paper, live]
                """);

        PolicyConfig policy = PolicyConfigLoader.load(file);

        assertThat(policy.heartbeat().restartAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.heartbeat().staleAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.restart().maxPerWindow()).isEqualTo(5);
        assertThat(policy.restart().cooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.operator().allowedModes()).containsExactly("paper", "live");
        assertThat(policy.snapshot().interval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("a properties file works the same way, and an empty one is the default policy")
    void propertiesAndEmpty() throws IOException {
        PolicyConfig policy = PolicyConfigLoader.load(write("policy.properties",
                "supervisor.policy.crash-loop.max-restarts=2\nsupervisor.policy.snapshot.interval=1m\n"));
        assertThat(policy.crashLoop().maxRestarts()).isEqualTo(2);
        assertThat(policy.snapshot().interval()).isEqualTo(Duration.ofMinutes(1));

        assertThat(PolicyConfigLoader.load(write("empty.properties", ""))).isEqualTo(PolicyConfig.defaults());
        assertThat(PolicyConfig.defaults().operator().allowedJobs()).isEqualTo(List.of());
    }

    @Test
    @DisplayName("a policy whose restart threshold is not beyond its warning threshold is refused, naming the setting")
    void invalidPolicyRefused() throws IOException {
        Path file = write("bad.properties",
                "supervisor.policy.heartbeat.stale-after=2m\nsupervisor.policy.heartbeat.restart-after=1m\n");

        assertThatThrownBy(() -> PolicyConfigLoader.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("supervisor.policy.heartbeat.ordered")
                .hasMessageContaining("restart-after must be longer than stale-after");
    }

    @Test
    @DisplayName("the service refuses to start with an invalid policy, before touching Kafka")
    void serviceRefusesInvalidPolicy() {
        new ApplicationContextRunner()
                .withUserConfiguration(PolicyOnly.class)
                .withPropertyValues("supervisor.policy.restart.max-per-window=-1")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("supervisor.policy.restart.maxPerWindow")
                        .hasStackTraceContaining("greater than or equal to 0"));
    }

    @org.springframework.context.annotation.Configuration
    @org.springframework.boot.context.properties.EnableConfigurationProperties(PolicyConfig.class)
    static class PolicyOnly {
    }
}
