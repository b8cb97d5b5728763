package com.quantumedge.supervisor.policy.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.policy.PolicyServiceApplication;
import com.quantumedge.supervisor.policy.advisor.AdvisorService;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Reply;
import com.quantumedge.supervisor.policy.topology.PolicyDriver;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

@DisplayName("LLM advisor in the policy service against a real broker")
class AdvisorServiceIntegrationTest {

    @Test
    @DisplayName("apply mode: the policy's snapshots reach the model, and its PAUSE_ENTRIES advice lands on sup.operator-commands.v1 with source ADVISOR")
    void applyModePublishesOperatorCommand() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (FakeChatServer llm = new FakeChatServer().answer(Reply.advice("PAUSE_ENTRIES", null, "drawdown accelerating"));
                ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class,
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                        "--logging.structured.format.console=",
                        "--supervisor.policy.streams.application-id=" + SharedKafkaBroker.uniqueName("policy-advisor-it"),
                        "--supervisor.policy.streams.state-dir=target/policy-advisor-it-state",
                        "--supervisor.policy.ticks.interval=250ms",
                        "--supervisor.policy.snapshot.interval=1s",
                        "--supervisor.policy.advisor.enabled=true",
                        "--supervisor.policy.advisor.mode=apply",
                        "--supervisor.policy.advisor.base-url=" + llm.baseUrl(),
                        "--supervisor.policy.advisor.model=test-model",
                        "--supervisor.policy.advisor.interval=500ms",
                        "--supervisor.policy.advisor.timeout=5s",
                        "--supervisor.policy.advisor.consumer-group=" + SharedKafkaBroker.uniqueName("advisor-it"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
            assertThat(context.getBean(AdvisorService.class).isRunning()).isTrue();
            long now = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), null, now, bot,
                    Topics.HEARTBEATS.valueSerde().serializer().serialize(Topics.HEARTBEATS.name(), PolicyDriver.heartbeatOf(bot, now))));
            producer.flush();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(Topics.OPERATOR_COMMANDS, bot)).isNotEmpty());

            OperatorCommand command = TopicReader.readAll(Topics.OPERATOR_COMMANDS, bot).get(0).value();
            assertThat(command.getCommandType()).isEqualTo(CommandType.PAUSE_ENTRIES);
            assertThat(command.getSource()).isEqualTo("ADVISOR");
            assertThat(command.getIssuedBy()).isEqualTo("advisor:test-model");
            assertThat(command.getReason()).isEqualTo("LLM advice: drawdown accelerating");
            String snapshotId = command.getArgs().get("snapshot_id");
            assertThat(TopicReader.readAll(Topics.SNAPSHOTS, bot)).extracting(r -> r.value().getEventId()).contains(snapshotId);
            assertThat(llm.received()).anySatisfy(r -> assertThat(r.body()).contains(bot));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(advisorEvents(bot))
                    .anySatisfy(e -> assertThat(e.getAttributes()).containsEntry("applied", "true")
                            .containsEntry("action", "PAUSE_ENTRIES")));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("policy.advisor.commands").tag("type", "PAUSE_ENTRIES").counter().count()).isPositive();
            assertThat(meters.get("policy.advisor.breaker.state").tag("state", "closed").gauge().value()).isEqualTo(1);
            assertThat(TopicReader.readAll(Topics.EVENTS, bot)).extracting(r -> r.value().getEventType())
                    .as("the policy takes the advisor's command as a trading command, not a bad operator command")
                    .doesNotContain(EventType.OPERATOR_COMMAND_REJECTED);
        }
    }

    @Test
    @DisplayName("an operator's LLM_CHECK on sup.operator-commands.v1 is answered by an ALERT under its command id; with the advisor off the policy rejects it")
    void llmCheckOverTheBroker() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (FakeChatServer llm = new FakeChatServer().answer(Reply.advice("NONE", null, "nothing to do"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
            try (ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class,
                    serviceArguments(true, llm.baseUrl()))) {
                long now = System.currentTimeMillis();
                send(producer, Topics.HEARTBEATS, bot, PolicyDriver.heartbeatOf(bot, now), now);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> llm.received().stream().anyMatch(r -> r.body().contains(bot)));

                // Rounds run every 500 ms here: a check that meets one in flight for the bot is refused
                // ("already running"), as it would be for an operator, who asks again.
                SupervisorEvent answer = null;
                for (int attempt = 1; attempt <= 10 && (answer == null || alreadyRunning(answer)); attempt++) {
                    OperatorCommand check = llmCheck(bot, "check-" + attempt + "-" + bot);
                    send(producer, Topics.OPERATOR_COMMANDS, bot, check, System.currentTimeMillis());
                    answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                            .until(() -> answers(bot, check.getCommandId()), list -> list.size() == 1).get(0);
                }
                assertThat(answer.getEventType()).as(answer.getMessage()).isEqualTo(EventType.ALERT);
                assertThat(answer.getAttributes()).containsEntry("action", "NONE").containsEntry("requested_by", "alice");
            }
            try (ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class,
                    serviceArguments(false, llm.baseUrl()))) {
                OperatorCommand check = llmCheck(bot, "check-off-" + bot);
                send(producer, Topics.OPERATOR_COMMANDS, bot, check, System.currentTimeMillis());

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(answers(bot, check.getCommandId())).singleElement().satisfies(e -> {
                            assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_REJECTED);
                            assertThat(e.getMessage()).contains("LLM advisor is disabled");
                        }));
            }
        }
    }

    private static String[] serviceArguments(boolean advisorEnabled, String llmUrl) {
        return new String[] {"--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=",
                "--supervisor.policy.streams.application-id=" + SharedKafkaBroker.uniqueName("policy-check-it"),
                "--supervisor.policy.streams.state-dir=target/" + SharedKafkaBroker.uniqueName("policy-check-it-state"),
                "--supervisor.policy.ticks.interval=250ms",
                "--supervisor.policy.snapshot.interval=1s",
                "--supervisor.policy.advisor.enabled=" + advisorEnabled,
                "--supervisor.policy.advisor.mode=advise",
                "--supervisor.policy.advisor.base-url=" + llmUrl,
                "--supervisor.policy.advisor.model=test-model",
                "--supervisor.policy.advisor.interval=500ms",
                "--supervisor.policy.advisor.timeout=5s",
                "--supervisor.policy.advisor.consumer-group=" + SharedKafkaBroker.uniqueName("advisor-check-it")};
    }

    private static OperatorCommand llmCheck(String bot, String commandId) {
        return OperatorCommand.newBuilder().setEventId(commandId).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setCommandId(commandId).setCommandType(CommandType.LLM_CHECK).setIssuedBy("alice")
                .setReason("volatile session").setArgs(Map.of()).setSource("HTTP").build();
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, TopicSpec<V> topic, String bot, V value, long ts)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), null, ts, bot, topic.valueSerde().serializer().serialize(topic.name(), value)))
                .get();
    }

    private static List<SupervisorEvent> answers(String bot, String commandId) {
        return TopicReader.readAll(Topics.EVENTS, bot).stream().map(ConsumerRecord::value)
                .filter(e -> commandId.equals(e.getCorrelationId())).toList();
    }

    private static boolean alreadyRunning(SupervisorEvent answer) {
        return answer.getEventType() == EventType.OPERATOR_COMMAND_REJECTED && answer.getMessage().contains("already running");
    }

    private static List<SupervisorEvent> advisorEvents(String bot) {
        return TopicReader.readAll(Topics.EVENTS, bot).stream().map(ConsumerRecord::value)
                .filter(e -> e.getEventType() == EventType.ALERT && "policy-advisor".equals(e.getSource())).toList();
    }
}
