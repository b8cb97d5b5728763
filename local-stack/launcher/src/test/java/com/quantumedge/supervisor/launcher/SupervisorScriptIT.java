package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** Drives the real {@code ./supervisor} script against the packaged jar, as a user would. */
class SupervisorScriptIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private final Path home = Path.of("target", "it-home-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void down() throws Exception {
        run("down");
    }

    @Test
    @DisplayName("up --detach prints READY, serves every catalog topic, and down frees the port")
    void upProvisionsTopicsAndDownStopsEverything() throws Exception {
        long t0 = System.nanoTime();
        Result up = run("up", "--detach", "--no-build");
        long readyMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).containsPattern("(?m)^READY ");
        // Reported, not asserted tightly: startup time is a benchmark number (noisy on a shared 2-core
        // machine); the bound only catches a hang.
        System.out.printf("up --detach: READY after %d ms%n", readyMs);
        assertThat(readyMs).as("time to READY").isLessThan(180_000);

        Map<String, String> env = new SupervisorHome(home).readEnv();
        String bootstrap = env.get("KAFKA_BOOTSTRAP");
        assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(20, TimeUnit.SECONDS);
            for (TopicSpec<?> spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                String policy = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get().values().iterator().next().get("cleanup.policy").value();
                assertThat(policy).as(spec.name()).isEqualTo(spec.cleanupPolicy());
            }
        }
        assertThat(run("topics").exit()).isZero();
        assertThat(run("up", "--detach", "--no-build").output()).contains("already running");

        long pid = Long.parseLong(Files.readString(home.resolve("stack.pid")).trim());
        Result down = run("down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(home.resolve("stack.pid")).doesNotExist();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        assertThat(listening(port)).as("broker port after down").isFalse();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("supervisor").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("SUPERVISOR_HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./supervisor " + String.join(" ", args) + " did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
