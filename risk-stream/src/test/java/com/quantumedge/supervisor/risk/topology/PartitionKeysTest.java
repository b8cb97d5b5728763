package com.quantumedge.supervisor.risk.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

    @Test
    @DisplayName("keys are 'topic-partition', as the applied offsets were always stored, and built once per partition")
    void topicDashPartition() {
        PartitionKeys keys = new PartitionKeys();

        assertThat(keys.of("qe.order-requests.v1", 5)).isEqualTo("qe.order-requests.v1-5");
        assertThat(keys.of("qe.order-requests.v1", 0)).isEqualTo("qe.order-requests.v1-0");
        assertThat(keys.of("qe.executions.v1", 17)).isEqualTo("qe.executions.v1-17");
        assertThat(keys.of("qe.order-requests.v1", 5)).isSameAs(keys.of("qe.order-requests.v1", 5));
    }
}
