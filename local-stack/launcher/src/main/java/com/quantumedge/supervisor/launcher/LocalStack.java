package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.agent.ProcessAgentApplication;
import com.quantumedge.supervisor.agent.demo.DemoAgentArguments;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.gateway.security.DevTokens;
import com.quantumedge.supervisor.localkafka.EnvironmentFile;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.TsdbSinkApplication;

/**
 * Everything {@code ./supervisor up} runs, in one JVM: the broker first, then the services that
 * are started against it. Closed in reverse order (services before the broker, so no client logs
 * connection errors on the way down).
 *
 * <p>With an environment directory ({@code up --env-dir DIR}) there is no local broker and no topic
 * provisioning: the services connect to an existing cluster (provisioned by the operator with
 * {@code deploy/production/kafka-setup.sh}), each with the environment it has in production,
 * {@code DIR/common.env} and then its own {@code DIR/<service>.env}, the {@code /etc/qe-supervisor}
 * layout of {@code deploy/production}.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * What to run besides the broker.
     *
     * @param envDir null to start a local broker; else the directory of {@code common.env} and the
     *               services' {@code <service>.env} files, whose cluster the services connect to
     */
    public record Options(boolean demo, String demoBehaviour, int gatewayPort, Path simBotJar, boolean clickHouse, Path envDir,
            boolean alerts) {

        public Options(boolean demo, String demoBehaviour, int gatewayPort, Path simBotJar, boolean clickHouse) {
            this(demo, demoBehaviour, gatewayPort, simBotJar, clickHouse, null);
        }

        public Options(boolean demo, String demoBehaviour, int gatewayPort, Path simBotJar, boolean clickHouse, Path envDir) {
            this(demo, demoBehaviour, gatewayPort, simBotJar, clickHouse, envDir, false);
        }
    }

    static final String COMMON_ENV = "common.env";
    static final String GATEWAY = "ingest-gateway";
    static final String RISK_STREAM = "risk-stream";
    static final String POLICY_SERVICE = "policy-service";
    static final String PROCESS_AGENT = "process-agent";
    static final String TSDB_SINK = "tsdb-sink";

    private static final List<String> WITHOUT_SECURITY = List.of(
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration");

    /** The local Prometheus' scrape and evaluation interval: a local page within seconds (the shipped one is 15 s). */
    static final Duration ALERTING_INTERVAL = Duration.ofSeconds(5);

    /** Long enough for a cold start on two busy cores; a service not ready by then fails {@code up} loudly. */
    private static final Duration READINESS_TIMEOUT = Duration.ofMinutes(2);

    private final SupervisorHome home;
    private final Options options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Optional<LocalAlerting> alerting = Optional.empty();

    private LocalStack(SupervisorHome home, Options options) {
        this.home = home;
        this.options = options;
    }

    public static LocalStack start(SupervisorHome home, Options options) {
        LocalStack stack = new LocalStack(home, options);
        try {
            if (options.envDir() == null) {
                stack.startBroker();
            } else {
                stack.useCluster(options.envDir());
            }
            stack.startServices();
            stack.awaitReadiness(READINESS_TIMEOUT);
            stack.writeEnvAndPid();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Each running service's HTTP port by name (its {@code /actuator/prometheus} is there), in start order. */
    public Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        started.descendingIterator().forEachRemaining(c -> {
            if (c instanceof SpringService service) {
                ports.put(service.name(), service.port());
            }
        });
        return ports;
    }

    private void startBroker() {
        LocalKafkaBroker broker = LocalKafkaBroker.start(home.kafkaDir());
        started.push(broker);
        // The broker just started in this JVM is PLAINTEXT: its address is all there is to configure.
        KafkaClientSettings kafka = KafkaClientSettings.bootstrap(broker.bootstrapServers());
        try (Admin admin = Admin.create(kafka.admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-topics")))) {
            TopicProvisioner.Report report = new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
            log.info("Topics: {} created, {} unchanged", report.created().size(), report.unchanged().size());
            report.drifts().forEach(d -> log.warn("Topic drift: {}", d));
        }
        env.put("KAFKA_BOOTSTRAP", broker.bootstrapServers());
    }

    /**
     * An existing cluster: its address is {@code KAFKA_BOOTSTRAP} of {@code common.env}, everything
     * else about it (security, topics, ACLs) the services and the operator's setup know.
     */
    private void useCluster(Path envDir) {
        Path common = envDir.resolve(COMMON_ENV);
        if (!Files.isRegularFile(common)) {
            throw new IllegalStateException("--env-dir " + envDir + " has no " + COMMON_ENV + " (see deploy/production/common.env.example)");
        }
        String bootstrap = EnvironmentFile.read(common).getOrDefault("KAFKA_BOOTSTRAP", "");
        if (bootstrap.isBlank()) {
            throw new IllegalStateException(common + " sets no KAFKA_BOOTSTRAP");
        }
        log.info("Kafka cluster {} from {}: no local broker; topics and ACLs are the operator's (deploy/production/kafka-setup.sh)",
                bootstrap, envDir);
        env.put("KAFKA_BOOTSTRAP", bootstrap);
    }

    private void startServices() {
        Path state = home.dir().resolve("state");
        alerting = startAlerting();
        Optional<String> clickHouseUrl = startClickHouse();
        clickHouseUrl.ifPresent(url -> start(TSDB_SINK, TsdbSinkApplication.class, Map.of(
                "server.port", 0,
                "supervisor.tsdb-sink.clickhouse-url", url)));

        start(RISK_STREAM, RiskStreamApplication.class, Map.of(
                "server.port", 0,
                "supervisor.risk.streams.state-dir", state.resolve(RISK_STREAM)));

        Map<String, Object> policyProperties = new LinkedHashMap<>();
        policyProperties.put("server.port", 0);
        policyProperties.put("supervisor.policy.streams.state-dir", state.resolve(POLICY_SERVICE));
        // Its alert component posts the supervision states (TradingHalted, ...) to this Alertmanager.
        alerting.ifPresent(a -> policyProperties.put("supervisor.policy.alerts.alertmanager-urls", a.alertmanagerUrl()));
        start(POLICY_SERVICE, PolicyServiceApplication.class, policyProperties);

        Map<String, Object> gatewayProperties = new LinkedHashMap<>();
        gatewayProperties.put("server.port", options.gatewayPort());
        clickHouseUrl.ifPresent(url -> gatewayProperties.put("supervisor.gateway.tsdb.clickhouse-url", url));
        Optional<DevTokens> previous = previousTokens();
        if (previous.isPresent()) {
            // Same tokens as last time: scripts, dashboards and an adopted bot keep working across restarts.
            gatewayProperties.put("supervisor.gateway.security.bot-id", previous.get().botId());
            gatewayProperties.put("supervisor.gateway.security.bot-token", previous.get().botToken());
            gatewayProperties.put("supervisor.gateway.security.operator-token", previous.get().operatorToken());
            gatewayProperties.put("supervisor.gateway.security.viewer-token", previous.get().viewerToken());
        } else {
            gatewayProperties.put("supervisor.gateway.security.dev-mode", true);
        }
        SpringService gateway = start(GATEWAY, GatewayApplication.class, gatewayProperties);
        DevTokens tokens = previous.orElseGet(() -> gateway.context().getBean(DevTokens.class));
        String gatewayUrl = "http://127.0.0.1:" + gateway.port();
        env.put("GATEWAY_URL", gatewayUrl);
        env.put("BOT_ID", tokens.botId());
        env.put("BOT_TOKEN", tokens.botToken());
        env.put("OPERATOR_TOKEN", tokens.operatorToken());
        env.put("VIEWER_TOKEN", tokens.viewerToken());

        if (options.demo()) {
            startDemoAgent(gatewayUrl, tokens);
        } else if (options.envDir() != null && Files.isRegularFile(options.envDir().resolve(PROCESS_AGENT + ".env"))) {
            // As on a bot host: the agent's bots, jobs and id are its own environment's.
            start(PROCESS_AGENT, ProcessAgentApplication.class, Map.of("server.port", 0));
        }
        alerting.ifPresent(a -> a.scrape(servicePorts(), tokens.viewerToken()));
    }

    private void startDemoAgent(String gatewayUrl, DevTokens tokens) {
        Path simBot = options.simBotJar();
        if (simBot == null || !Files.exists(simBot)) { // the jar, or its classes folder in tests
            throw new IllegalStateException("--demo needs the sim-bot jar, not found at " + simBot + " (./supervisor build)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        DemoAgentArguments demo = new DemoAgentArguments(java, simBot.toString(), gatewayUrl, tokens.botToken(),
                tokens.botId(), home.dir().resolve("agent"), options.demoBehaviour());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        for (String arg : demo.toArguments()) {
            int eq = arg.indexOf('=');
            properties.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        start(PROCESS_AGENT, ProcessAgentApplication.class, properties);
    }

    /**
     * Prometheus, Alertmanager and a webhook receiver under the home when both servers are installed
     * (Debian's prometheus and prometheus-alertmanager, like ClickHouse); without them the rest runs.
     */
    private Optional<LocalAlerting> startAlerting() {
        if (!options.alerts()) {
            log.info("Alerting off: no Prometheus or Alertmanager");
            return Optional.empty();
        }
        if (!LocalAlerting.installed()) {
            log.warn("Prometheus or Alertmanager is not installed (apt-get install prometheus prometheus-alertmanager): running without alerts");
            System.out.println("NOTE Prometheus/Alertmanager not available: no alerts; everything else runs");
            return Optional.empty();
        }
        LocalAlerting local = LocalAlerting.start(home, ALERTING_INTERVAL);
        started.push(local);
        env.put("PROMETHEUS_URL", local.prometheusUrl());
        env.put("ALERTMANAGER_URL", local.alertmanagerUrl());
        return Optional.of(local);
    }

    /** The stack's alerting, when it runs: for tests that watch alerts fire. */
    Optional<LocalAlerting> alerting() {
        return alerting;
    }

    /** A service of the stack by name, for tests that stop one. */
    Optional<SpringService> service(String name) {
        return started.stream().filter(SpringService.class::isInstance).map(SpringService.class::cast)
                .filter(s -> s.name().equals(name)).findFirst();
    }

    /** A project-local ClickHouse under the home when the binary is installed; without it the rest runs. */
    private Optional<String> startClickHouse() {
        if (!options.clickHouse()) {
            log.info("ClickHouse off (--no-clickhouse): no history, audits or tsdb-sink");
            return Optional.empty();
        }
        if (!LocalClickHouse.installed()) {
            log.warn("ClickHouse is not installed (apt-get install clickhouse-server): running without history, audits or tsdb-sink");
            System.out.println("NOTE ClickHouse not available: history, audits and the tsdb-sink are off; everything else runs");
            return Optional.empty();
        }
        LocalClickHouse clickHouse = LocalClickHouse.start(home.dir().resolve("clickhouse"));
        started.push(clickHouse);
        env.put("CLICKHOUSE_URL", clickHouse.url());
        return Optional.of(clickHouse.url());
    }

    /** Tokens of an earlier run of this home, from its local.env. */
    private Optional<DevTokens> previousTokens() {
        Map<String, String> last = home.readEnv();
        List<String> keys = List.of("BOT_ID", "BOT_TOKEN", "OPERATOR_TOKEN", "VIEWER_TOKEN");
        if (!keys.stream().allMatch(k -> last.getOrDefault(k, "").length() > 0)) {
            return Optional.empty();
        }
        return Optional.of(new DevTokens(last.get("BOT_ID"), last.get("BOT_TOKEN"), last.get("OPERATOR_TOKEN"), last.get("VIEWER_TOKEN")));
    }

    /**
     * Until every service's readiness probe is UP: the gateway's includes its decision listener and
     * risk-stream's its Streams app RUNNING, so READY means an order check would be decided, not denied
     * SUPERVISOR_UNAVAILABLE while risk-stream still joins its group.
     */
    private void awaitReadiness(Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        List<SpringService> services = started.stream().filter(SpringService.class::isInstance).map(SpringService.class::cast).toList();
        for (SpringService service : services) {
            SpringService.Probe probe = service.readiness();
            while (!probe.up()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name() + " not ready after " + timeout.toSeconds() + " s: " + probe.detail());
                }
                sleep(Duration.ofMillis(200));
                probe = service.readiness();
            }
        }
        log.info("Every service ready {} ms after the last one started", (System.nanoTime() - t0) / 1_000_000);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }

    /**
     * With the local broker, its address as a property; on a cluster, the service's production
     * environment ({@code common.env}, then {@code <name>.env} if present) and no Kafka property, so
     * the service reads {@code ${KAFKA_BOOTSTRAP}} and {@code SPRING_KAFKA_*} as it does in production.
     */
    private SpringService start(String name, Class<?> application, Map<String, Object> properties) {
        long t0 = System.nanoTime();
        Map<String, Object> all = new LinkedHashMap<>(properties);
        if (!name.equals(GATEWAY)) {
            // Spring Security is on this JVM's classpath for the gateway alone; the other services have none
            // in production and must not get Boot's default login here (it would refuse Prometheus' scrape).
            all.put("spring.autoconfigure.exclude", String.join(",", WITHOUT_SECURITY));
        }
        Map<String, String> environment = Map.of();
        if (options.envDir() == null) {
            all.put("spring.kafka.bootstrap-servers", env.get("KAFKA_BOOTSTRAP"));
        } else {
            environment = serviceEnvironment(name);
        }
        SpringService service = SpringService.start(name, application, all, environment);
        started.push(service);
        log.info("{} started on port {} in {} ms", name, service.port(), (System.nanoTime() - t0) / 1_000_000);
        return service;
    }

    private Map<String, String> serviceEnvironment(String name) {
        Path own = options.envDir().resolve(name + ".env");
        if (!Files.isRegularFile(own)) {
            log.warn("{} has no {}: it runs with {} alone (its Kafka login included)", name, own, COMMON_ENV);
            return EnvironmentFile.read(options.envDir().resolve(COMMON_ENV));
        }
        return EnvironmentFile.layered(List.of(options.envDir().resolve(COMMON_ENV), own));
    }

    private void writeEnvAndPid() {
        home.writeEnv(env);
        try {
            Files.writeString(home.pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Error stopping {}: {}", component, e.toString());
            }
        }
        try {
            Files.deleteIfExists(home.pidFile());
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", home.pidFile(), e.toString());
        }
    }
}
