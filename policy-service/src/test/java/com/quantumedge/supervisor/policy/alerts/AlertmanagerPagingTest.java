package com.quantumedge.supervisor.policy.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import org.springframework.util.unit.DataSize;

import com.quantumedge.supervisor.agent.ProcessAgent;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.config.BotSpec;
import com.quantumedge.supervisor.agent.config.RestartSettings;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.localmonitoring.LocalAlertmanager;
import com.quantumedge.supervisor.localmonitoring.WebhookReceiver;
import com.quantumedge.supervisor.localmonitoring.WebhookReceiver.Notification;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.simbot.SimBot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * policy-service on the shared broker paging two real Alertmanagers (an HA pair as far as the service
 * knows), each delivering to its own webhook receiver. The records are the ones risk-stream, the
 * process agent and the policy write when a bot is halted, fails or crash-loops.
 */
@DisplayName("supervisor alerts through real Alertmanagers")
class AlertmanagerPagingTest {

    /** How long the second Alertmanager stays down in the outage test (the issue says a minute; shortened). */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("alerts.test.outage", "PT20S"));
    private static final Duration GROUP_WAIT = Duration.ofSeconds(1);
    private static final Path DIR = Path.of("target", "alertmanager-paging-" + System.nanoTime());

    static WebhookReceiver primaryReceiver;
    static WebhookReceiver secondaryReceiver;
    static LocalAlertmanager primary;
    static LocalAlertmanager secondary;
    static KafkaProducer<String, byte[]> producer;
    static ConfigurableApplicationContext context;
    static final String APPLICATION_ID = SharedKafkaBroker.uniqueName("policy-alerts-it");

    @BeforeAll
    static void start() {
        MonitoringBinaries.assumeAlertmanager();
        primaryReceiver = WebhookReceiver.start(null);
        secondaryReceiver = WebhookReceiver.start(null);
        primary = LocalAlertmanager.start(DIR.resolve("am1"), config(primaryReceiver));
        secondary = LocalAlertmanager.start(DIR.resolve("am2"), config(secondaryReceiver));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
        context = startService();
    }

    static String config(WebhookReceiver receiver) {
        return """
                route:
                  receiver: local
                  group_by: [alertname, bot_id]
                  group_wait: %ds
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: local
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(GROUP_WAIT.toSeconds(), receiver.url());
    }

    static ConfigurableApplicationContext startService() {
        return SpringApplication.run(PolicyServiceApplication.class,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=",
                "--supervisor.policy.streams.application-id=" + APPLICATION_ID,
                "--supervisor.policy.streams.state-dir=" + DIR.resolve("state"),
                "--supervisor.policy.ticks.enabled=false",
                "--supervisor.policy.alerts.alertmanager-urls=" + primary.url() + "," + secondary.url(),
                "--supervisor.policy.alerts.resend-interval=2s",
                "--supervisor.policy.alerts.backoff.initial=200ms",
                "--supervisor.policy.alerts.backoff.max=1s",
                "--supervisor.policy.alerts.request-timeout=2s");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (producer != null) {
            producer.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {primary, secondary, primaryReceiver, secondaryReceiver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing what is left
            }
        }
    }

    @Test
    @DisplayName("halting a bot pages once, within the group wait, naming the bot, who halted it and why; resuming it sends the resolved notification")
    void haltPagesOnceThenResolves() {
        String bot = SharedKafkaBroker.uniqueName("halted");
        long haltedAt = System.currentTimeMillis();
        send(Topics.RISK_STATE, bot, riskState(bot, haltedAt, TradingState.HALTED, "operator alice: exchange maintenance at 14:00"));

        Notification page = primaryReceiver.await(of(bot, "BotHalted", "firing"), 1, Duration.ofSeconds(20)).get(0);
        long latencyMs = page.receivedAt().toEpochMilli() - haltedAt;
        assertThat(page.alerts()).singleElement().satisfies(a -> {
            assertThat(a.path("labels").path("bot_id").asText()).isEqualTo(bot);
            assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
            assertThat(a.path("labels").path("service").asText()).isEqualTo("risk-stream");
            assertThat(a.path("annotations").path("description").asText()).contains("alice", "exchange maintenance at 14:00");
            assertThat(a.path("annotations").path("command").asText()).contains("./supervisor control resume --bot " + bot);
        });
        assertThat(latencyMs).as("page latency (group wait %s)", GROUP_WAIT).isLessThan(GROUP_WAIT.toMillis() + 5_000);

        sleep(Duration.ofSeconds(6)); // three resends and group intervals: still one page
        assertThat(primaryReceiver.notifications().stream().filter(of(bot, "BotHalted", "firing"))).hasSize(1);

        send(Topics.RISK_STATE, bot, riskState(bot, System.currentTimeMillis(), TradingState.ACTIVE, "operator bob: maintenance over"));
        Notification resolved = primaryReceiver.await(of(bot, "BotHalted", "resolved"), 1, Duration.ofSeconds(20)).get(0);
        assertThat(resolved.alerts()).singleElement().satisfies(a -> {
            assertThat(a.path("status").asText()).isEqualTo("resolved");
            assertThat(a.path("annotations").path("description").asText()).contains("bob: maintenance over");
        });
        assertThat(primaryReceiver.notifications().stream().filter(of(bot, "BotHalted", "firing"))).hasSize(1);
    }

    @Test
    @DisplayName("an agent reporting FAILED pages BotFailed and, through the policy's own crash-loop rule, BotCrashLoop; "
            + "the bot running again resolves BotFailed, an operator START resolves BotCrashLoop")
    void failedAndCrashLoopPage() {
        String bot = SharedKafkaBroker.uniqueName("crashing");
        // The agent repeats a bot's process state in its heartbeats; so does this test until the topology has seen it.
        sendUntil(Topics.AGENT_STATUS, bot, agentStatus(bot, System.currentTimeMillis(), ProcessState.FAILED, 5),
                () -> notifierHas(bot + "|BotFailed", AlertState.FIRING));

        Notification failed = primaryReceiver.await(of(bot, "BotFailed", "firing"), 1, Duration.ofSeconds(20)).get(0);
        assertThat(failed.alerts().get(0).path("annotations").path("description").asText()).contains("after 5 restarts", "exit code 1");
        // The policy topology of the same service reads the FAILED status, halts the bot and raises CRASH_LOOP on sup.events.v1.
        Notification loop = primaryReceiver.await(of(bot, "BotCrashLoop", "firing"), 1, Duration.ofSeconds(20)).get(0);
        assertThat(loop.alerts().get(0).path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(loop.alerts().get(0).path("annotations").path("description").asText())
                .contains("crash loop: agent reports FAILED after 5 restarts: halting trading");

        send(Topics.AGENT_STATUS, bot, agentStatus(bot, System.currentTimeMillis(), ProcessState.RUNNING, 0));
        primaryReceiver.await(of(bot, "BotFailed", "resolved"), 1, Duration.ofSeconds(20));
        send(Topics.OPERATOR_COMMANDS, bot, start(bot, "erin", "bad config fixed"));
        Notification started = primaryReceiver.await(of(bot, "BotCrashLoop", "resolved"), 1, Duration.ofSeconds(20)).get(0);
        assertThat(started.alerts().get(0).path("annotations").path("description").asText()).contains("START by erin: bad config fixed");
    }

    @Test
    @DisplayName("a sim-bot crash-looping under a real process agent pages BotFailed and BotCrashLoop; an operator START resolves both")
    void crashLoopingSimBotUnderTheAgent() {
        String bot = SharedKafkaBroker.uniqueName("simbot");
        Path agentDir = DIR.resolve("agent-" + bot).toAbsolutePath();
        BotSpec spec = new BotSpec(bot, simBot(bot, "--mode", "crash", "--crash-after-s", "1"), null, Map.of(), null, "paper", List.of(),
                true, true, Duration.ofSeconds(2), DataSize.ofMegabytes(1), 1);
        // Five restarts within a minute, 100 ms doubling: FAILED after about ten seconds of crashes.
        RestartSettings restarts = new RestartSettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(2), 5, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
        AgentProperties agentSettings = new AgentProperties("agent-" + bot, agentDir, Duration.ofSeconds(1), Duration.ofMinutes(10),
                true, true, 1000, restarts, List.of(spec), Map.of());
        try (ProcessAgent agent = new ProcessAgent(agentSettings, SharedKafkaBroker.bootstrapServers(), new SimpleMeterRegistry())) {
            agent.start();
            Notification failed = primaryReceiver.await(of(bot, "BotFailed", "firing"), 1, Duration.ofSeconds(45)).get(0);
            assertThat(failed.alerts().get(0).path("annotations").path("description").asText())
                    .contains("agent-" + bot, "after 5 restarts", "start limit hit");
            Notification loop = primaryReceiver.await(of(bot, "BotCrashLoop", "firing"), 1, Duration.ofSeconds(20)).get(0);
            assertThat(loop.alerts().get(0).path("annotations").path("summary").asText()).contains(bot, "crash-looping");

            // START goes the operator's way: sup.operator-commands.v1 -> policy -> sup.control-commands.v1 -> agent.
            send(Topics.OPERATOR_COMMANDS, bot, start(bot, "frank", "crash cause found"));
            primaryReceiver.await(of(bot, "BotCrashLoop", "resolved"), 1, Duration.ofSeconds(20));
            primaryReceiver.await(of(bot, "BotFailed", "resolved"), 1, Duration.ofSeconds(30));
        } finally {
            ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains("--bot-id " + bot + " ")).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<String> simBot(String bot, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", codeSource(SimBot.class), SimBot.class.getName(),
                "--gateway", "http://127.0.0.1:9", "--token", "test", "--bot-id", bot, "--run-mode", "paper",
                "--heartbeat-ms", "1000", "--order-ms", "0"));
        command.addAll(List.of(args));
        return command;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("with one Alertmanager down the other still pages at once; the one that was down gets the page when it returns")
    void outageOfOneAlertmanager() {
        String bot = SharedKafkaBroker.uniqueName("outage");
        secondary.kill();
        double failedBefore = posts(secondary, "failed");
        try {
            long t = System.currentTimeMillis();
            send(Topics.RISK_STATE, bot, riskState(bot, t, TradingState.HALTED, "operator carol: venue outage"));
            primaryReceiver.await(of(bot, "BotHalted", "firing"), 1, Duration.ofSeconds(20));
            sleep(OUTAGE);
            assertThat(posts(secondary, "failed")).as("failed POSTs to the stopped Alertmanager").isGreaterThan(failedBefore);
            assertThat(secondaryReceiver.notifications().stream().filter(of(bot, "BotHalted", "firing"))).isEmpty();
        } finally {
            secondary.restart();
        }
        long back = System.currentTimeMillis();
        Notification late = secondaryReceiver.await(of(bot, "BotHalted", "firing"), 1, Duration.ofSeconds(20)).get(0);
        assertThat(late.alerts().get(0).path("annotations").path("description").asText()).contains("carol", "venue outage");
        assertThat(late.receivedAt().toEpochMilli() - back).as("page after the Alertmanager returned").isLessThan(10_000);
    }

    @Test
    @DisplayName("restarting the service mid-incident pages neither the unchanged firing alert again nor one resolved before the restart")
    void restartDoesNotRepage() {
        String halted = SharedKafkaBroker.uniqueName("still-halted");
        String lifted = SharedKafkaBroker.uniqueName("lifted");
        long t = System.currentTimeMillis();
        send(Topics.RISK_STATE, halted, riskState(halted, t, TradingState.HALTED, "operator dave: runaway orders"));
        send(Topics.RISK_STATE, lifted, riskState(lifted, t, TradingState.HALTED, "operator dave: checking fills"));
        primaryReceiver.await(of(halted, "BotHalted", "firing"), 1, Duration.ofSeconds(20));
        primaryReceiver.await(of(lifted, "BotHalted", "firing"), 1, Duration.ofSeconds(20));
        send(Topics.RISK_STATE, lifted, riskState(lifted, t + 5_000, TradingState.ACTIVE, "operator dave: fills fine"));
        primaryReceiver.await(of(lifted, "BotHalted", "resolved"), 1, Duration.ofSeconds(20));

        context.close();
        context = startService();
        await().atMost(Duration.ofSeconds(30)).until(() -> notifierHas(halted + "|BotHalted", AlertState.FIRING)
                && service().notifier().caughtUp());
        sleep(Duration.ofSeconds(8)); // several resends of the full set to both Alertmanagers, and their group intervals

        assertThat(primaryReceiver.notifications().stream().filter(of(halted, "BotHalted", "firing"))).hasSize(1);
        assertThat(primaryReceiver.notifications().stream().filter(of(lifted, "BotHalted", "firing"))).hasSize(1);
        assertThat(primaryReceiver.notifications().stream().filter(of(lifted, "BotHalted", "resolved"))).hasSize(1);
        assertThat(posts(primary, "ok")).as("the restarted notifier did send the set").isGreaterThan(0);
    }

    private static Predicate<Notification> of(String bot, String alertname, String status) {
        return n -> bot.equals(n.commonLabel("bot_id")) && alertname.equals(n.commonLabel("alertname")) && status.equals(n.status());
    }

    private static AlertsService service() {
        return context.getBean(AlertsService.class);
    }

    private static boolean notifierHas(String key, AlertState state) {
        var alert = service().notifier().alerts().get(key);
        return alert != null && alert.getState() == state;
    }

    private static double posts(LocalAlertmanager alertmanager, String outcome) {
        var counter = context.getBean(MeterRegistry.class).find(AlertmanagerTarget.POSTS_METRIC)
                .tag("url", alertmanager.url()).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <V> void send(TopicSpec<V> topic, String bot, V value) {
        producer.send(new ProducerRecord<>(topic.name(), null, System.currentTimeMillis(), bot,
                topic.valueSerde().serializer().serialize(topic.name(), value)));
        producer.flush();
    }

    private static <V> void sendUntil(TopicSpec<V> topic, String bot, V value, BooleanSupplier seen) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (!seen.getAsBoolean()) {
                send(topic, bot, value);
            }
            return seen.getAsBoolean();
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static RiskState riskState(String bot, long tsMs, TradingState state, String reason) {
        return RiskState.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(tsMs)
                .setTradingState(state).setStateReason(reason).setStateSinceTsMs(tsMs).setEquity(10_000.0)
                .setDrawdownPct(2.0).setPositions(List.of()).build();
    }

    static AgentStatus agentStatus(String bot, long tsMs, ProcessState state, int restarts) {
        return AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(tsMs).setAgentId("agent-it")
                .setKind(AgentStatusKind.PROCESS_STATE).setProcessState(state).setRestartCount(restarts)
                .setExitCode(state == ProcessState.FAILED ? 1 : null).build();
    }

    static OperatorCommand start(String bot, String who, String why) {
        return OperatorCommand.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setCommandId(UUID.randomUUID().toString()).setCommandType(CommandType.START).setIssuedBy(who).setReason(why)
                .setSource("CLI").build();
    }
}
