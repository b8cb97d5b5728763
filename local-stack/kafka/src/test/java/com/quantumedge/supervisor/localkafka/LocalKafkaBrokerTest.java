package com.quantumedge.supervisor.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

class LocalKafkaBrokerTest {

    @Test
    @DisplayName("a broker on a fresh directory serves every catalog topic; restarted on it, it keeps topics and ports")
    void startsProvisionsAndSurvivesRestart() throws Exception {
        Path dir = Path.of("target", "broker-test-" + UUID.randomUUID());
        int port;
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir)) {
            port = broker.brokerPort();
            try (Admin admin = admin(broker)) {
                TopicProvisioner.Report report = new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
                assertThat(report.created()).hasSize(Topics.ALL.size());
                assertCatalogTopics(admin);
            }
        }
        assertThat(isFree(port)).as("port freed after close").isTrue();

        try (LocalKafkaBroker again = LocalKafkaBroker.start(dir)) {
            assertThat(again.brokerPort()).isEqualTo(port);
            try (Admin admin = admin(again)) {
                TopicProvisioner.Report report = new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
                assertThat(report.created()).isEmpty();
                assertThat(report.drifts()).isEmpty();
                assertThat(report.unchanged()).hasSize(Topics.ALL.size());
                assertCatalogTopics(admin);
            }
        }
    }

    static void assertCatalogTopics(Admin admin) throws Exception {
        Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(TopicSpec::name).toList())
                .allTopicNames().get();
        for (TopicSpec<?> spec : Topics.ALL) {
            assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            var config = admin.describeConfigs(java.util.List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                    .all().get().values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).as(spec.name()).isEqualTo(spec.cleanupPolicy());
        }
    }

    private static Admin admin(LocalKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
