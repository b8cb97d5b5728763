package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.quantumedge.supervisor.localmonitoring.LocalAlertmanager;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;

/** What ./supervisor up gives its Prometheus and Alertmanager: the shipped files, changed only where a local stack must differ. */
class LocalAlertingConfigTest {

    @Test
    @DisplayName("the local Alertmanager has the example's grouping and inhibitions, one local webhook receiver, and amtool accepts it")
    @SuppressWarnings("unchecked")
    void alertmanagerKeepsTheExamplesGroupingAndInhibitions() throws Exception {
        MonitoringBinaries.assumeAlertmanager();
        String text = LocalAlerting.alertmanagerConfig("http://127.0.0.1:9/alertmanager");
        Map<String, Object> local = new Yaml().load(text);
        Map<String, Object> example = new Yaml().load(Files.readString(DeployFiles.ALERTMANAGER.resolve("alertmanager.yml.example")));

        assertThat(local.get("inhibit_rules")).isEqualTo(example.get("inhibit_rules"));
        assertThat(((Map<String, Object>) local.get("route")).get("group_by")).isEqualTo(List.of("alertname", "bot_id", "service"));
        assertThat((List<Object>) local.get("receivers")).hasSize(1);

        Path file = Files.createDirectories(Path.of("target", "local-am-" + UUID.randomUUID()).toAbsolutePath()).resolve("am.yml");
        Files.writeString(file, text);
        String amtool = LocalAlertmanager.binary().orElseThrow().resolveSibling("amtool").toString();
        DeployFiles.Run check = DeployFiles.run(file.getParent(), List.of(amtool, "check-config", file.toString()));
        assertThat(check.exit()).as(check.output()).isZero();
    }

    @Test
    @DisplayName("the local Prometheus runs the shipped prometheus.yml with only the scrape and evaluation interval changed")
    @SuppressWarnings("unchecked")
    void prometheusIsTheShippedOneWithAShorterInterval() throws Exception {
        Map<String, Object> local = new Yaml().load(LocalAlerting.prometheusConfig(Duration.ofSeconds(5)));
        Map<String, Object> shipped = new Yaml().load(Files.readString(DeployFiles.PROMETHEUS.resolve("prometheus.yml")));

        assertThat((Map<String, Object>) local.get("global")).containsEntry("scrape_interval", "5s").containsEntry("evaluation_interval", "5s");
        local.remove("global");
        shipped.remove("global");
        assertThat(local).isEqualTo(shipped);
    }
}
