package com.quantumedge.supervisor.gateway.history;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.StoreDefaults;
import com.quantumedge.supervisor.clickhouse.query.AuditReport;
import com.quantumedge.supervisor.clickhouse.query.HistoryQueries;
import com.quantumedge.supervisor.clickhouse.query.TsdbStatus;
import com.quantumedge.supervisor.clickhouse.query.TsdbStatusReader;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.gateway.tsdb.TsdbStatusSource;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** ClickHouse-backed status, history and audit, when {@code supervisor.gateway.tsdb.clickhouse-url} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${supervisor.gateway.tsdb.clickhouse-url:}'.isBlank()")
public class TsdbConfiguration {

    @Bean(destroyMethod = "close")
    ClickHouse clickHouse(TsdbProperties properties) {
        return ClickHouse.connect(properties.clickhouseUrl(), properties.user(), properties.password(), properties.timeout());
    }

    @Bean(destroyMethod = "close")
    Admin tsdbLagAdmin(KafkaClientSettings kafka) {
        return Admin.create(kafka.admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-tsdb-lag",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)));
    }

    @Bean
    TsdbStatusSource clickHouseStatus(ClickHouse clickHouse, Admin tsdbLagAdmin, TsdbProperties properties) {
        TsdbStatusReader reader = new TsdbStatusReader(true, clickHouse, properties.database(), tsdbLagAdmin,
                properties.sinkGroupId(), TableLayouts.forCatalog(StoreDefaults.notSunkTopics()).topics(), Topics.PARTITIONS);
        return () -> view(reader.status(), clickHouse.url());
    }

    @Bean
    HistoryQueries historyQueries(ClickHouse clickHouse, TsdbProperties properties) {
        return new HistoryQueries(clickHouse, properties.database(), TableLayouts.forCatalog(Set.of()));
    }

    @Bean
    AuditReport auditReport(ClickHouse clickHouse, TsdbProperties properties) {
        return new AuditReport(clickHouse, properties.database());
    }

    static Map<String, Object> view(TsdbStatus s, String url) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("backend", "clickhouse");
        out.put("url", url);
        out.put("reachable", s.reachable());
        out.put("server_version", s.serverVersion());
        out.put("database", s.database());
        out.put("consumer_lag", s.consumerLag());
        out.put("last_write_time", s.lastWriteMs() == null ? null : java.time.Instant.ofEpochMilli(s.lastWriteMs()).toString());
        out.put("rows_written", s.rowsWritten());
        out.put("batches", s.batches());
        out.put("error", s.error());
        return out;
    }
}
