package com.quantumedge.supervisor.localkafka.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

class SecuredClusterTest {

    private final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();

    @Test
    @DisplayName("the cluster runs three brokers and every catalog topic has three in-sync replicas and min.insync.replicas 2")
    void threeBrokersAndReplicatedTopics() throws Exception {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
            List<String> names = Topics.ALL.stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec<?> spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions())
                        .allSatisfy(p -> {
                            assertThat(p.replicas()).hasSize(3);
                            assertThat(p.isr()).hasSize(3);
                        });
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).get("min.insync.replicas").value())
                        .as(spec.name()).isEqualTo("2");
            }
        }
    }

    @Test
    @DisplayName("a client with a wrong password is refused at authentication")
    void wrongPasswordIsRefused() {
        Map<String, Object> props = fast(cluster.clientProperties(ServiceAccount.GATEWAY.user(), "not-the-password"));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    @DisplayName("an unknown user is refused at authentication")
    void unknownUserIsRefused() {
        Map<String, Object> props = fast(cluster.clientProperties("mallory", "anything"));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    @DisplayName("a PLAINTEXT client gets no answer from the SASL_SSL listener")
    void plaintextClientIsRefused() {
        Map<String, Object> props = fast(new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers())));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    private static Map<String, Object> fast(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        return p;
    }
}
