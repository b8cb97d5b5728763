package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The deployed shape cannot run here (no container engine), but its definition must be valid. */
class DockerComposeConfigTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    @DisplayName("docker-compose.yml is valid with the example environment, and refuses to start without secrets")
    void composeFileIsValid() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(installed, "docker-compose not installed (scripts/install-test-deps.sh installs it)");
        }
        Run withExample = run("docker-compose", "--env-file", "deploy/compose/supervisor.env.example", "config", "-q");
        assertThat(withExample.exit()).as(withExample.output()).isZero();

        Path empty = Files.createTempFile(Path.of("target").toAbsolutePath(), "empty", ".env");
        Run withoutSecrets = run("docker-compose", "--env-file", empty.toString(), "config", "-q");
        assertThat(withoutSecrets.exit()).isNotZero();
        assertThat(withoutSecrets.output()).contains("in .env");
    }

    @Test
    @DisplayName("Prometheus in compose runs the shipped files and scrapes each service on its port; policy-service posts to compose's Alertmanager")
    @SuppressWarnings("unchecked")
    void prometheusTargetsAreComposeServices() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat((List<String>) services.get("prometheus").get("volumes")).contains(
                "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/rules:/etc/prometheus/rules:ro",
                "./deploy/prometheus/targets:/etc/prometheus/targets:ro");
        assertThat((Map<String, Object>) services.get("policy-service").get("environment"))
                .containsEntry("SUPERVISOR_POLICY_ALERTS_ALERTMANAGERURLS", "http://alertmanager:9093");

        List<String> targets = new ArrayList<>();
        for (String file : List.of("gateway.json", "services.json", "alertmanagers.json")) {
            JsonNode groups = new ObjectMapper().readTree(ROOT.resolve("deploy/prometheus/targets").resolve(file).toFile());
            groups.forEach(g -> g.path("targets").forEach(t -> targets.add(t.asText())));
        }
        assertThat(targets).hasSize(5);
        for (String target : targets) {
            String service = target.substring(0, target.indexOf(':'));
            String port = target.substring(target.indexOf(':') + 1);
            assertThat(services).as("compose service of target " + target).containsKey(service);
            Map<String, Object> healthcheck = (Map<String, Object>) services.get(service).get("healthcheck");
            assertThat(String.valueOf(healthcheck.get("test"))).as("port of " + service).contains("localhost:" + port + "/");
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
