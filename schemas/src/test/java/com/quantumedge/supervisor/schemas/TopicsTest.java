package com.quantumedge.supervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    @DisplayName("topic names are unique and versioned")
    void namesAreUniqueAndVersioned() {
        Set<String> names = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        assertThat(names).hasSize(Topics.ALL.size());
        assertThat(names).allMatch(n -> n.matches("(qe|sup)\\.[a-z-]+\\.v\\d+"));
    }

    @Test
    @DisplayName("every topic has the same partition count, so all are co-partitioned by bot id")
    void allCoPartitioned() {
        assertThat(Topics.ALL).allMatch(t -> t.partitions() == Topics.PARTITIONS);
    }

    @Test
    @DisplayName("compacted topics carry no retention; delete topics do")
    void retentionMatchesCleanupPolicy() {
        assertThat(Topics.RISK_STATE.compacted()).isTrue();
        assertThat(Topics.RISK_LIMITS.compacted()).isTrue();
        assertThat(Topics.ALL).allMatch(t -> t.compacted() == t.retention().isEmpty());
        assertThat(Topics.EXECUTIONS.configs()).containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
        assertThat(Topics.RISK_STATE.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
    }

    @Test
    @DisplayName("topics are found by name")
    void findsByName() {
        assertThat(Topics.byName("qe.heartbeats.v1")).contains(Topics.HEARTBEATS);
        assertThat(Topics.byName("nope")).isEmpty();
    }

    @Test
    @DisplayName("every topic has a writer, and the operator CLI reads every topic")
    void everyTopicWrittenAndReadableByOperators() {
        assertThat(Topics.ALL).allMatch(t -> !t.writers().isEmpty(), "has a writer");
        assertThat(Topics.ALL).allMatch(t -> t.readers().contains(ServiceAccount.OPERATOR), "operator reads it");
        assertThat(Topics.ALL).noneMatch(t -> t.writers().contains(ServiceAccount.OPERATOR));
    }

    @Test
    @DisplayName("only the policy service writes control commands, and only the process agent and the sink consume them")
    void controlCommandsArePolicyOnly() {
        assertThat(Topics.CONTROL_COMMANDS.writers()).containsExactly(ServiceAccount.POLICY_SERVICE);
        assertThat(Topics.CONTROL_COMMANDS.readers())
                .containsExactlyInAnyOrder(ServiceAccount.PROCESS_AGENT, ServiceAccount.TSDB_SINK, ServiceAccount.OPERATOR);
    }

    @Test
    @DisplayName("the process agent reads only control commands and writes only agent status, events and the DLQ")
    void processAgentIsConfinedToItsTopics() {
        assertThat(Topics.ALL.stream().filter(t -> t.readers().contains(ServiceAccount.PROCESS_AGENT)))
                .containsExactly(Topics.CONTROL_COMMANDS);
        assertThat(Topics.ALL.stream().filter(t -> t.writers().contains(ServiceAccount.PROCESS_AGENT)))
                .containsExactly(Topics.AGENT_STATUS, Topics.EVENTS, Topics.DLQ);
    }

    @Test
    @DisplayName("every service that consumes records can dead-letter them; operators and the policy's dead-letter alerts read the DLQ")
    void everyConsumingServiceWritesTheDlq() {
        assertThat(Topics.DLQ.writers()).containsExactlyInAnyOrder(ServiceAccount.GATEWAY, ServiceAccount.RISK_STREAM,
                ServiceAccount.POLICY_SERVICE, ServiceAccount.PROCESS_AGENT, ServiceAccount.TSDB_SINK);
        assertThat(Topics.DLQ.readers()).containsExactlyInAnyOrder(ServiceAccount.OPERATOR, ServiceAccount.POLICY_SERVICE);
    }

    @Test
    @DisplayName("only the policy service writes alerts; its notifier, the gateway's views, the sink and operators read them")
    void alertsArePolicyOnly() {
        assertThat(Topics.ALERTS.compacted()).isTrue();
        assertThat(Topics.ALERTS.writers()).containsExactly(ServiceAccount.POLICY_SERVICE);
        assertThat(Topics.ALERTS.readers()).containsExactlyInAnyOrder(ServiceAccount.POLICY_SERVICE, ServiceAccount.GATEWAY,
                ServiceAccount.TSDB_SINK, ServiceAccount.OPERATOR);
    }
}
