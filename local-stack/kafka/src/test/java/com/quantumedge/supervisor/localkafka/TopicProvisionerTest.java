package com.quantumedge.supervisor.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;

@ExtendWith(KafkaBrokerExtension.class)
class TopicProvisionerTest {

    @Test
    @DisplayName("provisioning twice creates once and then reports everything unchanged")
    void isIdempotent() {
        TopicSpec<byte[]> spec = spec(SharedKafkaBroker.uniqueName("idem"), 3, Duration.ofDays(2));
        try (Admin admin = SharedKafkaBroker.admin()) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Optional.empty());
            assertThat(provisioner.provision(List.of(spec), true).created()).containsExactly(spec.name());
            TopicProvisioner.Report second = provisioner.provision(List.of(spec), true);
            assertThat(second.created()).isEmpty();
            assertThat(second.drifts()).isEmpty();
            assertThat(second.unchanged()).containsExactly(spec.name());
        }
    }

    @Test
    @DisplayName("a drifted retention is reset; a different partition count is reported, not changed")
    void fixesConfigsAndReportsPartitions() throws Exception {
        String name = SharedKafkaBroker.uniqueName("drift");
        try (Admin admin = SharedKafkaBroker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1)
                    .configs(Map.of("retention.ms", "1000", "cleanup.policy", "delete")))).all().get();
            TopicSpec<byte[]> spec = spec(name, 4, Duration.ofDays(7));
            TopicProvisioner provisioner = new TopicProvisioner(admin, Optional.empty());

            assertThat(provisioner.describe(List.of(spec))).extracting(TopicProvisioner.Drift::setting)
                    .containsExactlyInAnyOrder("partitions", "retention.ms");

            TopicProvisioner.Report report = provisioner.provision(List.of(spec), true);
            assertThat(report.drifts()).extracting(TopicProvisioner.Drift::setting, TopicProvisioner.Drift::fixed)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("partitions", false),
                            org.assertj.core.groups.Tuple.tuple("retention.ms", true));
            assertThat(report.hasUnfixedDrift()).isTrue();

            String retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name)))
                    .all().get().values().iterator().next().get("retention.ms").value();
            assertThat(retention).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions()).hasSize(2);
            assertThat(provisioner.describe(List.of(spec))).extracting(TopicProvisioner.Drift::setting)
                    .containsExactly("partitions");
        }
    }

    private static TopicSpec<byte[]> spec(String name, int partitions, Duration retention) {
        return new TopicSpec<>(name, byte[].class, Serdes.ByteArray(), partitions, false, Optional.of(retention), "test",
                Set.of(), Set.of());
    }
}
