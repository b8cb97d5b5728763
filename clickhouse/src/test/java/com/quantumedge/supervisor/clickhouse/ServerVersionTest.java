package com.quantumedge.supervisor.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    @DisplayName("18.16 has neither TTL nor LowCardinality, 24.8 has both")
    void features() {
        assertThat(ServerVersion.parse("18.16.1").supportsTtl()).isFalse();
        assertThat(ServerVersion.parse("18.16.1").supportsLowCardinality()).isFalse();
        assertThat(ServerVersion.parse("24.8.4.13").supportsTtl()).isTrue();
        assertThat(ServerVersion.parse("20.1.2.4").supportsLowCardinality()).isTrue();
    }

    @Test
    @DisplayName("string literals escape quotes and backslashes")
    void quoting() {
        assertThat(ClickHouse.quote("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
    }
}
