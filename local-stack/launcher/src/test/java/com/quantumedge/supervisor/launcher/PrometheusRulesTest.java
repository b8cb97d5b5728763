package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.quantumedge.supervisor.localmonitoring.LocalPrometheus;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;

/** deploy/prometheus as shipped: valid for Prometheus 2.42, and every alert rule unit-tested, labelled and documented. */
class PrometheusRulesTest {

    private String promtool;

    @BeforeEach
    void promtool() {
        MonitoringBinaries.assumePrometheus();
        promtool = LocalPrometheus.promtool().orElseThrow().toString();
    }

    @Test
    @DisplayName("prometheus.yml passes promtool check config where it is deployed: targets and the viewer token file beside it")
    void configIsValid() throws Exception {
        Path deployed = Files.createDirectories(Path.of("target", "prometheus-config-" + UUID.randomUUID()).toAbsolutePath());
        copyTree(DeployFiles.PROMETHEUS, deployed);
        Files.createDirectories(deployed.resolve("secrets"));
        Files.writeString(deployed.resolve(LocalAlerting.VIEWER_TOKEN), "viewer-token");

        DeployFiles.Run check = DeployFiles.run(deployed, List.of(promtool, "check", "config", "prometheus.yml"));

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 4 rules found", "SUCCESS: 3 rules found", "SUCCESS: 1 rules found");
    }

    @Test
    @DisplayName("promtool test rules passes for every test file")
    void ruleUnitTestsPass() throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool, "test", "rules"));
        command.addAll(files("tests").stream().map(p -> "tests/" + p.getFileName()).toList());

        DeployFiles.Run test = DeployFiles.run(DeployFiles.PROMETHEUS, command);

        assertThat(test.exit()).as(test.output()).isZero();
        assertThat(test.output()).doesNotContain("FAILED");
    }

    @Test
    @DisplayName("every alert has a severity (page or ticket), summary, description and a runbook section in docs/operations.md, and a unit test")
    void everyAlertIsLabelledDocumentedAndTested() throws Exception {
        String operations = Files.readString(DeployFiles.ROOT.resolve("docs/operations.md")).toLowerCase();
        String tests = String.join("\n", files("tests").stream().map(PrometheusRulesTest::read).toList());
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> rule : alertRules()) {
            String name = (String) rule.get("alert");
            alerts.add(name);
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) rule.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, String> annotations = (Map<String, String>) rule.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("page", "ticket");
            assertThat(annotations).as(name).containsKeys("summary", "description");
            assertThat(annotations.get("runbook")).as(name).isEqualTo("docs/operations.md#" + name.toLowerCase());
            assertThat(operations).as("docs/operations.md has a section for " + name).contains("### " + name.toLowerCase());
            assertThat(tests).as("a unit test of " + name).containsPattern("alertname: " + name + "\\s+exp_alerts: \\[\\]")
                    .containsPattern("alertname: " + name + "\\s+exp_alerts:\\s+- exp_labels");
        }
        assertThat(alerts).hasSize(12);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : files("rules")) {
            Map<String, Object> doc = new Yaml().load(read(file));
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                rules.addAll((List<Map<String, Object>>) group.get("rules"));
            }
        }
        return rules;
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.PROMETHEUS.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
