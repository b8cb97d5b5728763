package com.quantumedge.supervisor.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/** Operator commands only for bots that exist: a typo must not be accepted while the real bot keeps trading. */
class UnknownBotControlTest {

    private final RunningGateway gateway = SharedGateway.get();

    private Http.Response control(String command, String body) {
        return Http.postJson(gateway.url("/api/v1/control/" + command), gateway.token("operator"), body);
    }

    @Test
    @DisplayName("every control command for a bot never seen is 404 UNKNOWN_BOT naming bot_id, and nothing reaches any topic")
    void unknownBotIsRefusedAndNothingIsWritten() {
        String bot = SharedKafkaBroker.uniqueName("typo");
        KnownBots.managedByAgent(gateway); // the views are caught up and live
        List<String> failures = new ArrayList<>();
        for (String command : ControlController.COMMANDS.keySet()) {
            Http.Response response = control(command, "{\"bot_id\":\"" + bot + "\",\"reason\":\"typo\",\"multiplier\":0.5,"
                    + "\"mode\":\"paper\",\"job\":\"meta-agent\"}");
            if (response.status() != 404 || !"UNKNOWN_BOT".equals(response.json().at("/error/code").asString())
                    || !"bot_id".equals(response.json().at("/error/field").asString())) {
                failures.add(command + " -> " + response.status() + " " + response.body());
            }
        }

        assertThat(failures).isEmpty();
        assertThat(TopicRecords.topicsWithKey(bot)).isEmpty();
    }

    @Test
    @DisplayName("a gateway whose views have not caught up answers 503 VIEWS_NOT_READY for a bot it does not know yet, not 404")
    void notCaughtUpIsRetryableNotUnknown() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RunningGateway blind = RunningGateway.start("127.0.0.1:" + closedPort, List.of())) {
            Http.Response response = Http.postJson(blind.url("/api/v1/control/halt"), blind.token("operator"),
                    "{\"bot_id\":\"maybe-real\",\"reason\":\"incident\"}");

            assertThat(response.status()).as(response.body()).isEqualTo(503);
            assertThat(response.json().at("/error/code").asString()).isEqualTo("VIEWS_NOT_READY");
        }
    }

    @Test
    @DisplayName("the fuzzer's ids (NaN, Infinity, 1e999, -0) are unknown bots like any other")
    void numberLikeIdsAreUnknownBots() {
        for (String bot : List.of("NaN", "Infinity", "1e999", "-0")) {
            Http.Response response = control("halt", "{\"bot_id\":\"" + bot + "\",\"reason\":\"fuzz\"}");
            assertThat(response.status()).as(bot).isEqualTo(404);
            assertThat(response.json().at("/error/code").asString()).isEqualTo("UNKNOWN_BOT");
        }
    }

    @Test
    @DisplayName("with allow_unknown_bot true the command for a bot not started yet is accepted and written")
    void explicitFlagAllowsAnUnknownBot() {
        String bot = SharedKafkaBroker.uniqueName("first-start");
        Http.Response response = control("halt", "{\"bot_id\":\"" + bot + "\",\"reason\":\"before first start\",\"allow_unknown_bot\":true}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String commandId = response.json().get("command_id").asString();
        assertThat(TopicRecords.read(Topics.OPERATOR_COMMANDS, bot, l -> !l.isEmpty(), Duration.ofSeconds(20)))
                .extracting(OperatorCommand::getCommandId).containsExactly(commandId);
    }

    @Test
    @DisplayName("allow_unknown_bot must be a boolean: anything else is 400 naming the field, and nothing is written")
    void flagMustBeBoolean() {
        String bot = SharedKafkaBroker.uniqueName("typo");
        Http.Response response = control("halt", "{\"bot_id\":\"" + bot + "\",\"reason\":\"x\",\"allow_unknown_bot\":\"yes\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/field").asString()).isEqualTo("allow_unknown_bot");
        assertThat(TopicRecords.topicsWithKey(bot)).isEmpty();
    }

    @Test
    @DisplayName("a bot known by its heartbeat on the topic is accepted")
    void knownByHeartbeat() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        KnownBots.writeHeartbeat(bot);
        KnownBots.awaitKnown(gateway, bot);

        assertThat(control("halt", "{\"bot_id\":\"" + bot + "\",\"reason\":\"drill\"}").status()).isEqualTo(202);
    }

    @Test
    @DisplayName("a bot known by its own risk limits record is accepted")
    void knownByLimits() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        KnownBots.writeOwnLimits(bot);
        KnownBots.awaitKnown(gateway, bot);

        assertThat(control("halt", "{\"bot_id\":\"" + bot + "\",\"reason\":\"drill\"}").status()).isEqualTo(202);
    }

    @Test
    @DisplayName("a bot known by its process agent's status is accepted")
    void knownByAgentStatus() {
        String bot = KnownBots.managedByAgent(gateway);

        assertThat(control("restart", "{\"bot_id\":\"" + bot + "\",\"reason\":\"drill\"}").status()).isEqualTo(202);
    }
}
