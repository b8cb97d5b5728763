package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.clickhouse.ServerVersion;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;

/** Checks everything a working installation needs, one line per check; exits 1 when any check fails. */
@Command(name = "diag", mixinStandardHelpOptions = true,
        description = "Check configuration, Kafka, topics, agents, risk checks switched off, gateway, ClickHouse and its schema "
                + "version, and clocks; exit 1 if anything fails (a switched-off risk check is a warning).")
final class DiagCommand implements Callable<Integer> {

    enum Status { OK, WARN, FAIL }

    record Check(String name, Status status, String detail) {
    }

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--json", description = "One JSON document instead of lines")
    boolean json;

    @Option(names = "--agent-stale", defaultValue = "60s", description = "An agent whose last heartbeat is older is reported (default: ${DEFAULT-VALUE})")
    String agentStale;

    @Option(names = "--clickhouse-database", defaultValue = "${env:CLICKHOUSE_DATABASE:-supervisor}",
            description = "The tsdb-sink's database, whose schema version is checked (default: $CLICKHOUSE_DATABASE, else supervisor)")
    String clickHouseDatabase;

    @Option(names = "--max-skew", defaultValue = "2s", description = "Largest tolerated clock difference to the gateway and ClickHouse (default: ${DEFAULT-VALUE})")
    String maxSkew;

    PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Override
    public Integer call() throws Exception {
        List<Check> checks = new ArrayList<>();
        Map<String, String> env = new HashMap<>(kafka.home().readEnv());
        System.getenv().forEach((k, v) -> {
            if (k.equals("KAFKA_BOOTSTRAP") || k.equals("GATEWAY_URL") || k.equals("CLICKHOUSE_URL") || k.endsWith("_TOKEN")) {
                env.put(k, v);
            }
        });
        checks.add(configuration(env));
        boolean kafkaUp = kafkaCheck(checks);
        if (kafkaUp) {
            checks.add(topics());
            checks.add(agents());
            checks.addAll(limits());
        }
        gateway(env, checks);
        clickHouse(env, checks);
        print(checks);
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? 1 : 0;
    }

    private Check configuration(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("KAFKA_BOOTSTRAP", "GATEWAY_URL", "BOT_TOKEN", "OPERATOR_TOKEN", "VIEWER_TOKEN")) {
            if (env.getOrDefault(key, "").isBlank() && !(key.equals("KAFKA_BOOTSTRAP") && kafka.bootstrap != null)) {
                missing.add(key);
            }
        }
        return missing.isEmpty()
                ? new Check("configuration", Status.OK, "Kafka, gateway and the bot/operator/viewer tokens are set (" + kafka.home().envFile() + ")")
                : new Check("configuration", Status.FAIL, "not set: " + String.join(", ", missing)
                        + " (environment or " + kafka.home().envFile() + ")");
    }

    private boolean kafkaCheck(List<Check> checks) {
        try (Admin admin = Admin.create(kafka.settings().admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "supervisor-diag")))) {
            var cluster = admin.describeCluster();
            int brokers = cluster.nodes().get(10, TimeUnit.SECONDS).size();
            checks.add(new Check("kafka", Status.OK, brokers + " broker(s) at " + kafka.bootstrapServers()
                    + ", cluster " + cluster.clusterId().get(10, TimeUnit.SECONDS)));
            return true;
        } catch (Exception e) {
            checks.add(new Check("kafka", Status.FAIL, "unreachable: " + SupervisorCli.rootMessage(e)));
            return false;
        }
    }

    private Check topics() {
        try (Admin admin = Admin.create(kafka.settings().admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "supervisor-diag")))) {
            List<TopicProvisioner.Drift> drifts = new TopicProvisioner(admin, Optional.empty()).describe(Topics.ALL);
            return drifts.isEmpty()
                    ? new Check("topics", Status.OK, "all " + Topics.ALL.size() + " catalog topics present with the catalog's settings")
                    : new Check("topics", Status.FAIL, drifts.size() + " difference(s): " + drifts
                            + " (./supervisor topics --provision fixes what is safe)");
        }
    }

    /** Latest AGENT_HEARTBEAT per agent within the last hour, from the agent-status topic. */
    private Check agents() {
        Duration stale = Durations.parse(agentStale);
        Map<String, Long> lastSeen = new HashMap<>();
        Map<String, Object> config = kafka.settings().consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "supervisor-diag",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = Topics.AGENT_STATUS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            long since = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
            partitions.forEach(p -> query.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, start.get(p) == null ? end.get(p) : start.get(p).offset()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        AgentStatus status = Topics.AGENT_STATUS.valueSerde().deserializer().deserialize(topic, r.value());
                        if (status != null && status.getKind() == AgentStatusKind.AGENT_HEARTBEAT) {
                            lastSeen.merge(status.getAgentId(), status.getTsMs(), Math::max);
                        }
                    } catch (RuntimeException undecodable) {
                        // Counted by the services' DLQ; diag only looks for heartbeats.
                    }
                }
            }
        }
        if (lastSeen.isEmpty()) {
            return new Check("agents", Status.WARN, "no process-agent heartbeat in the last hour");
        }
        long now = System.currentTimeMillis();
        List<String> staleAgents = lastSeen.entrySet().stream().filter(e -> now - e.getValue() > stale.toMillis())
                .map(e -> e.getKey() + " (" + (now - e.getValue()) / 1000 + " s ago)").toList();
        return staleAgents.isEmpty()
                ? new Check("agents", Status.OK, lastSeen.size() + " agent(s) alive: " + lastSeen.keySet())
                : new Check("agents", Status.FAIL, "stale: " + staleAgents);
    }

    /** A warning per risk check switched off by the latest limits records (see {@link DisabledChecks}). */
    private List<Check> limits() {
        Map<String, RecordedTopics.Recorded> latest = new HashMap<>();
        try {
            for (RecordedTopics.Recorded r : RecordedTopics.read(kafka.settings(), "supervisor-diag", List.of(Topics.RISK_LIMITS), 0, Long.MAX_VALUE, null)) {
                // One key is always on one partition: its highest offset is its latest record.
                if (r.key() != null && (!latest.containsKey(r.key()) || latest.get(r.key()).offset() < r.offset())) {
                    latest.put(r.key(), r);
                }
            }
        } catch (RuntimeException e) {
            return List.of(new Check(DisabledChecks.NAME, Status.WARN, "cannot read " + Topics.RISK_LIMITS.name() + ": "
                    + SupervisorCli.rootMessage(e)));
        }
        Map<String, RiskLimits> records = new HashMap<>();
        latest.forEach((key, r) -> {
            try {
                RiskLimits limits = r.value() == null ? null : Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (limits != null) {
                    records.put(key, limits);
                }
            } catch (RuntimeException undecodable) {
                // risk-stream ignores it too.
            }
        });
        return DisabledChecks.check(records);
    }

    private void gateway(Map<String, String> env, List<Check> checks) {
        String url = env.get("GATEWAY_URL");
        if (url == null || url.isBlank()) {
            checks.add(new Check("gateway", Status.FAIL, "GATEWAY_URL not set"));
            return;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean up = r.statusCode() == 200 && r.body().contains("\"UP\"");
            checks.add(new Check("gateway", up ? Status.OK : Status.FAIL, url + " readiness " + r.statusCode() + " " + r.body()));
            r.headers().firstValue("Date").ifPresent(date -> checks.add(skew("clock (gateway)",
                    ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli(), 1000)));
            String viewer = env.get("VIEWER_TOKEN");
            if (viewer != null && !viewer.isBlank()) {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/status"))
                        .header("Authorization", "Bearer " + viewer).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                checks.add(new Check("viewer token", status.statusCode() == 200 ? Status.OK : Status.FAIL,
                        "GET /api/v1/status answered " + status.statusCode()));
            }
        } catch (Exception e) {
            checks.add(new Check("gateway", Status.FAIL, url + " unreachable: " + SupervisorCli.rootMessage(e)));
        }
    }

    private void clickHouse(Map<String, String> env, List<Check> checks) {
        String url = env.get("CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            checks.add(new Check("clickhouse", Status.WARN, "CLICKHOUSE_URL not set: history and audits are unavailable"));
            return;
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/?query=" +
                    java.net.URLEncoder.encode(ServerVersion.VERSION_AND_CLOCK_QUERY, java.nio.charset.StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                checks.add(new Check("clickhouse", Status.FAIL, url + " answered " + r.statusCode() + ": " + r.body().trim()));
                return;
            }
            String[] parts = r.body().trim().split("\t");
            checks.add(new Check("clickhouse", Status.OK, url + " version " + parts[0]));
            checks.add(ClickHouseSchemaCheck.check(url, clickHouseDatabase));
            checks.add(skew("clock (clickhouse)", Long.parseLong(parts[1]) * 1000, 1000));
        } catch (Exception e) {
            checks.add(new Check("clickhouse", Status.FAIL, url + " unreachable: " + SupervisorCli.rootMessage(e)));
        }
    }

    /** @param resolutionMs the remote clock's resolution, added to the tolerance */
    private Check skew(String name, long remoteEpochMs, long resolutionMs) {
        long skew = Math.abs(System.currentTimeMillis() - remoteEpochMs);
        long tolerance = Durations.parse(maxSkew).toMillis() + resolutionMs;
        return new Check(name, skew <= tolerance ? Status.OK : Status.FAIL, "difference " + skew + " ms (tolerance " + tolerance + " ms)");
    }

    private void print(List<Check> checks) {
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            checks.forEach(c -> array.addObject().put("check", c.name()).put("status", c.status().name()).put("detail", c.detail()));
            out.println(array);
        } else {
            checks.forEach(c -> out.printf("%-4s %-18s %s%n", c.status() == Status.OK ? "ok" : c.status().name(), c.name(), c.detail()));
        }
        out.flush();
    }
}
