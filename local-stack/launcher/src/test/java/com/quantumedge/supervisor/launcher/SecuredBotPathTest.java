package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.localkafka.CatalogAcls;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.json.AvroJson;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The whole bot path on the secured three-broker cluster ({@link SharedSecuredKafkaCluster}: SASL_SSL,
 * SCRAM-SHA-512, the catalog's ACLs, RF 3, min ISR 2), the stack started as {@code ./supervisor up
 * --env-dir DIR} starts it: no local broker, every service with its production environment.
 * {@code deploy/production/common.env.example} is the input: only its placeholders (address,
 * truststore, and per service the SCRAM login of its own principal) are replaced, so a setting that
 * drifts from what the services need fails here. Then one ACL is taken away from the gateway, and the
 * route that writes that topic must say so at once, and work again once the ACL is back. One stack
 * for every step; the steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredBotPathTest {

    private static final Path COMMON_ENV_EXAMPLE = Path.of("../../deploy/production/common.env.example").toAbsolutePath().normalize();
    private static final String JAAS = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";
    private static final String BOT = "secured-bot-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String AGENT = "secured-agent";
    private static final Map<String, ServiceAccount> PRINCIPALS = Map.of(
            LocalStack.GATEWAY, ServiceAccount.GATEWAY,
            LocalStack.RISK_STREAM, ServiceAccount.RISK_STREAM,
            LocalStack.POLICY_SERVICE, ServiceAccount.POLICY_SERVICE,
            LocalStack.PROCESS_AGENT, ServiceAccount.PROCESS_AGENT,
            LocalStack.TSDB_SINK, ServiceAccount.TSDB_SINK);
    /** The gateway answers any publish within producer.max-block + producer.delivery-timeout (1.9 s by default). */
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();
    private static LocalStack stack;
    private static StackHttp http;
    private static String gatewayUrl;
    private static String botToken;
    private static String operatorToken;
    private static String viewerToken;
    private static long startMs;

    @BeforeAll
    static void startTheStackOnTheSecuredCluster() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "secured-bot-path-" + UUID.randomUUID()).toAbsolutePath());
        Path envDir = writeEnvDir(home);
        long t0 = System.nanoTime();
        stack = LocalStack.start(new SupervisorHome(home),
                new LocalStack.Options(false, null, 0, null, LocalClickHouse.installed(), envDir));
        startMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("secured stack READY in %d ms%n", startMs);
        Map<String, String> env = stack.env();
        gatewayUrl = env.get("GATEWAY_URL");
        http = new StackHttp(gatewayUrl);
        assertThat(env.get("BOT_ID")).isEqualTo(BOT);
        botToken = env.get("BOT_TOKEN");
        operatorToken = env.get("OPERATOR_TOKEN");
        viewerToken = env.get("VIEWER_TOKEN");
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("up --env-dir starts no broker: every service logs in as its own principal, Streams internal topics are RF 3, min ISR 2")
    void everyServiceUsesItsOwnPrincipal() throws Exception {
        assertThat(stack.env().get("KAFKA_BOOTSTRAP")).isEqualTo(cluster.bootstrapServers());
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            // Only the owning principal may join these groups (CatalogAclsOnClusterTest): members prove the login.
            List<String> groups = new ArrayList<>(List.of("risk-stream", "qe-policy-service", "process-agent." + AGENT));
            if (LocalClickHouse.installed()) {
                groups.add("tsdb-sink");
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
                assertThat(described).allSatisfy((group, d) -> assertThat(d.members()).as(group).isNotEmpty());
            });

            List<String> internal = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith("risk-stream-") || t.startsWith("qe-policy-service-")).toList();
            assertThat(internal).anyMatch(t -> t.startsWith("risk-stream-")).anyMatch(t -> t.startsWith("qe-policy-service-"));
            Map<String, TopicDescription> topics = admin.describeTopics(internal).allTopicNames().get(10, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).as(t.name()).hasSize(3)));
            List<ConfigResource> resources = internal.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            assertThat(admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS).values())
                    .allSatisfy(c -> assertThat(c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2"));
        }
    }

    @Test
    @Order(2)
    @DisplayName("heartbeat, then an order check is decided and allowed, and a fill becomes a position in the bot's view")
    void heartbeatOrderCheckAndFill() {
        assertThat(http.post("/api/v1/heartbeat", botToken, Map.of("equity", 100_000, "uptime_s", 5)).statusCode()).isEqualTo(200);
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode d = http.evaluate(botToken, Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT",
                    "quantity", 0.01, "price", 50_000, "client_order_id", "secured-1"));
            assertThat(d.path("allowed").asBoolean()).as(d.toString()).isTrue();
            assertThat(d.path("code").asText()).isEqualTo("OK");
        });
        System.out.printf("first allowed order check %d ms after the heartbeat%n", (System.nanoTime() - t0) / 1_000_000);

        HttpResponse<String> fill = http.post("/api/v1/executions", botToken, Map.of("exec_id", "secured-x-1", "exec_type", "FILL",
                "symbol", "BTCUSDT", "side", "BUY", "qty", 0.01, "price", 50_000, "client_order_id", "secured-1", "leaves_qty", 0));
        assertThat(fill.statusCode()).as(fill.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode view = http.get("/api/v1/bots/" + BOT, viewerToken);
            assertThat(view.path("positions")).hasSize(1);
            assertThat(view.path("positions").get(0).path("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(view.path("positions").get(0).path("qty").asDouble()).isEqualTo(0.01);
        });
    }

    @Test
    @Order(3)
    @DisplayName("an operator halt is enforced by risk-stream; an operator restart goes through policy to the agent, which acknowledges it DONE")
    void operatorCommandsReachRiskStreamAndTheAgent() throws Exception {
        HttpResponse<String> halt = http.post("/api/v1/control/halt", operatorToken, Map.of("bot_id", BOT, "reason", "secured halt"));
        assertThat(halt.statusCode()).as(halt.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(http.evaluate(botToken, smallBuy()).path("code").asText()).isEqualTo("TRADING_HALTED"));
        assertThat(http.post("/api/v1/control/resume", operatorToken, Map.of("bot_id", BOT, "reason", "secured resume")).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(http.evaluate(botToken, smallBuy()).path("code").asText()).isEqualTo("OK"));

        HttpResponse<String> restart = http.post("/api/v1/control/restart", operatorToken, Map.of("bot_id", BOT, "reason", "secured restart"));
        assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
        String commandId = JSON.readTree(restart.body()).path("command_id").asText();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(values(Topics.CONTROL_COMMANDS)).as("policy turned the operator command into a control command")
                    .anySatisfy(c -> assertThat(c.path("command_id").asText()).isEqualTo(commandId));
            assertThat(values(Topics.AGENT_STATUS)).as("the agent acknowledged it").anySatisfy(s -> {
                assertThat(s.path("command_id").asText()).isEqualTo(commandId);
                assertThat(s.path("ack").asText()).isEqualTo("DONE");
            });
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(http.get("/api/v1/bots/" + BOT, viewerToken).path("process_state").asText()).isEqualTo("RUNNING"));
    }

    @Test
    @Order(4)
    @DisplayName("the tsdb-sink, logged in as qe-tsdb-sink, writes the bot's decisions to ClickHouse (when ClickHouse is installed)")
    void sinkRowsInClickHouse() {
        if (!LocalClickHouse.installed()) {
            assertThat(System.getenv("CI")).as("under CI ClickHouse must be there").isNotEqualTo("true");
            return;
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode counts = http.get("/api/v1/history/decisions?bot_id=" + BOT + "&step=1m", viewerToken).path("counts");
            assertThat(counts.toString()).as("decisions stored").contains("OK").contains("TRADING_HALTED");
        });
    }

    @Test
    @Order(5)
    @DisplayName("without its WRITE ACL on sup.operator-commands.v1 the gateway answers 500 KAFKA_NOT_AUTHORIZED at once, logs and counts it; "
            + "other routes keep working; with the ACL back the route works again without a restart")
    void aclDeniedProduceIsSurfaced() throws Exception {
        Logger publisherLog = (Logger) LoggerFactory.getLogger(RecordPublisher.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        publisherLog.addAppender(logged);
        Collection<AclBinding> removed = List.of();
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            removed = admin.deleteAcls(List.of(gatewayWriteOn(Topics.OPERATOR_COMMANDS))).all().get(30, TimeUnit.SECONDS);
            assertThat(removed).as("the catalog grants the gateway this write").isNotEmpty();

            List<Long> deniedMs = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> denied = http.post("/api/v1/control/pause-entries", operatorToken,
                        Map.of("bot_id", BOT, "reason", "acl test"));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(denied.statusCode()).as(denied.body()).isEqualTo(500);
                deniedMs.add(ms);
                assertThat(JSON.readTree(denied.body()).at("/error/code").asText()).isEqualTo("KAFKA_NOT_AUTHORIZED");
            });
            HttpResponse<String> again = timed(() -> http.post("/api/v1/control/pause-entries", operatorToken,
                    Map.of("bot_id", BOT, "reason", "acl test")), deniedMs);
            assertThat(again.statusCode()).isEqualTo(500);
            System.out.printf("denied answers in %s ms%n", deniedMs);
            assertThat(deniedMs).allSatisfy(ms -> assertThat(Duration.ofMillis(ms)).isLessThan(PROMPT));

            assertThat(http.post("/api/v1/heartbeat", botToken, Map.of("equity", 100_000, "uptime_s", 30)).statusCode())
                    .as("the broker is not marked down: other topics are written").isEqualTo(200);
            assertThat(http.get("/api/v1/status", viewerToken).path("kafka").asText()).isEqualTo("up");
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains(Topics.OPERATOR_COMMANDS.name())
                        .contains(CatalogAcls.Grant.principal(ServiceAccount.GATEWAY));
            });
            assertThat(notAuthorizedCount()).as("one count per refused request, no retries behind them")
                    .isEqualTo(deniedMs.size());
        } finally {
            publisherLog.detachAppender(logged);
            restore(removed);
        }

        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> ok = http.post("/api/v1/control/resume-entries", operatorToken, Map.of("bot_id", BOT, "reason", "acl back"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        });
        System.out.printf("route works again %d ms after the ACL was restored%n", (System.nanoTime() - t0) / 1_000_000);
    }

    private static AclBindingFilter gatewayWriteOn(TopicSpec<?> topic) {
        return new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, topic.name(), PatternType.LITERAL),
                new AccessControlEntryFilter(CatalogAcls.Grant.principal(ServiceAccount.GATEWAY), null, AclOperation.WRITE, AclPermissionType.ALLOW));
    }

    private static void restore(Collection<AclBinding> removed) throws Exception {
        if (removed.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            admin.createAcls(removed).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static double notAuthorizedCount() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + viewerToken).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^gateway_produce_failures_total\\{([^}]*)\\} (\\S+)$").matcher(metrics.body());
        double total = 0;
        while (m.find()) {
            if (m.group(1).contains("reason=\"not_authorized\"") && m.group(1).contains("topic=\"" + Topics.OPERATOR_COMMANDS.name() + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static HttpResponse<String> timed(Call call, List<Long> millis) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = call.send();
        millis.add((System.nanoTime() - t0) / 1_000_000);
        return response;
    }

    private static Map<String, Object> smallBuy() {
        return Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 0.01, "price", 50_000);
    }

    /** The bot's decoded records of a topic, read as the operator's principal (as {@code ./supervisor tail --kafka-config} reads). */
    private static List<JsonNode> values(TopicSpec<?> spec) {
        KafkaClientSettings operator = KafkaClientSettings.of(cluster.clientProperties(ServiceAccount.OPERATOR));
        List<JsonNode> out = new ArrayList<>();
        for (RecordedTopics.Recorded r : RecordedTopics.read(operator, "secured-bot-path-test", List.of(spec), 0, Long.MAX_VALUE, BOT)) {
            IndexedRecord value = (IndexedRecord) spec.valueSerde().deserializer().deserialize(spec.name(), r.value());
            out.add(AvroJson.toNode(value, value.getSchema()));
        }
        return out;
    }

    /**
     * {@code /etc/qe-supervisor} as an operator fills it in: {@code common.env} is the example with its
     * placeholder address and truststore replaced; each service's {@code <service>.env} sets its own
     * SCRAM login (the line the example says belongs there) and what else that service needs here.
     */
    private static Path writeEnvDir(Path home) throws IOException {
        Path dir = Files.createDirectories(home.resolve("etc-qe-supervisor"));
        Map<String, Object> login = cluster.clientProperties(ServiceAccount.GATEWAY);
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put("KAFKA_BOOTSTRAP", cluster.bootstrapServers());
        replaced.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + login.get(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG));
        replaced.put("SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", login.get(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG).toString());
        List<String> lines = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String line : Files.readAllLines(COMMON_ENV_EXAMPLE)) {
            int eq = line.indexOf('=');
            String name = line.startsWith("#") || eq < 0 ? null : line.substring(0, eq).strip();
            if (name != null && replaced.containsKey(name)) {
                lines.add(name + "=" + replaced.get(name));
                seen.add(name);
            } else {
                lines.add(line);
            }
        }
        assertThat(seen).as("placeholders of %s", COMMON_ENV_EXAMPLE).containsExactlyInAnyOrderElementsOf(replaced.keySet());
        assertThat(lines).as("the example's login placeholder, which every service's own file overrides").anyMatch(l -> l.startsWith(JAAS + "="));
        Files.write(dir.resolve(LocalStack.COMMON_ENV), lines);

        Map<String, Map<String, String>> own = new LinkedHashMap<>();
        own.put(LocalStack.GATEWAY, Map.of("SUPERVISOR_GATEWAY_SECURITY_DEVBOTID", BOT));
        own.put(LocalStack.PROCESS_AGENT, Map.of(
                "SUPERVISOR_AGENT_AGENTID", AGENT,
                "SUPERVISOR_AGENT_DATADIR", home.resolve("agent").toString(),
                "SUPERVISOR_AGENT_STOPBOTSONSHUTDOWN", "true",
                "SUPERVISOR_AGENT_BOTS_0_ID", BOT,
                "SUPERVISOR_AGENT_BOTS_0_COMMAND_0", "sleep",
                "SUPERVISOR_AGENT_BOTS_0_COMMAND_1", "600",
                "SUPERVISOR_AGENT_BOTS_0_STOPGRACE", "2s"));
        for (Map.Entry<String, ServiceAccount> service : PRINCIPALS.entrySet()) {
            List<String> env = new ArrayList<>();
            env.add(JAAS + "=" + cluster.clientProperties(service.getValue()).get(SaslConfigs.SASL_JAAS_CONFIG));
            own.getOrDefault(service.getKey(), Map.of()).forEach((k, v) -> env.add(k + "=" + v));
            Files.write(dir.resolve(service.getKey() + ".env"), env);
        }
        return dir;
    }
}
