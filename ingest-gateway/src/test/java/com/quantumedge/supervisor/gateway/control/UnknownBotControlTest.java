package com.quantumedge.supervisor.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/** Operator commands only for bots that exist: a typo must not be accepted while the real bot keeps trading. */
class UnknownBotControlTest {

    private final RunningGateway gateway = SharedGateway.get();

    private Http.Response control(String command, String body) {
        return Http.postJson(gateway.url("/api/v1/control/" + command), gateway.token("operator"), body);
    }

    @Test
    @DisplayName("every control command for a bot never seen is 404 UNKNOWN_BOT naming bot_id, and no record on any catalog "
            + "topic names it afterwards, while the same scan finds the command accepted for a real bot right after")
    void unknownBotIsRefusedAndNothingIsWritten() {
        String typo = SharedKafkaBroker.uniqueName("typo");
        String real = KnownBots.managedByAgent(gateway); // the views are caught up and live
        Map<TopicPartition, Long> before = TopicRecords.catalogEnds();
        List<String> failures = new ArrayList<>();
        for (String command : ControlController.COMMANDS.keySet()) {
            Http.Response response = control(command, "{\"bot_id\":\"" + typo + "\",\"reason\":\"typo\",\"multiplier\":0.5,"
                    + "\"mode\":\"paper\",\"job\":\"meta-agent\"}");
            if (response.status() != 404 || !"UNKNOWN_BOT".equals(response.json().at("/error/code").asString())
                    || !"bot_id".equals(response.json().at("/error/field").asString())) {
                failures.add(command + " -> " + response.status() + " " + response.body());
            }
        }
        Http.Response accepted = control("halt", "{\"bot_id\":\"" + real + "\",\"reason\":\"drill\"}");

        assertThat(failures).isEmpty();
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(TopicRecords.topicsMentioning(real, before)).as("the scan reads what was written after the requests")
                .contains(Topics.OPERATOR_COMMANDS.name());
        assertThat(TopicRecords.topicsMentioning(typo, before)).isEmpty();
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
    @DisplayName("the fuzzer's ids (NaN, Infinity, 1e999, -0), as strings or as JSON numbers, are refused for every command, "
            + "written under no key, and listed by no view")
    void numberLikeIdsAreRefusedAndNeverBots() {
        List<String> fuzz = List.of("NaN", "Infinity", "1e999", "-0");
        KnownBots.managedByAgent(gateway);
        Map<TopicPartition, Long> before = TopicRecords.catalogEnds();
        List<String> failures = new ArrayList<>();
        for (String bot : fuzz) {
            for (String command : ControlController.COMMANDS.keySet()) {
                String rest = ",\"reason\":\"fuzz\",\"multiplier\":0.5,\"mode\":\"paper\",\"job\":\"meta-agent\"}";
                Http.Response asText = control(command, "{\"bot_id\":\"" + bot + "\"" + rest);
                if (!refusedOnBotId(asText)) {
                    failures.add(command + " \"" + bot + "\" -> " + asText.status() + " " + asText.body());
                }
                Http.Response asNumber = control(command, "{\"bot_id\":" + bot + rest);
                if (asNumber.status() != 400) {
                    failures.add(command + " " + bot + " -> " + asNumber.status() + " " + asNumber.body());
                }
            }
        }

        assertThat(failures).isEmpty();
        Map<String, Set<String>> written = new TreeMap<>();
        for (String bot : fuzz) {
            Set<String> topics = TopicRecords.topicsWithKeySince(bot, before);
            if (!topics.isEmpty()) {
                written.put(bot, topics);
            }
        }
        assertThat(written).isEmpty();
        for (String path : List.of("/api/v1/status", "/api/v1/dashboard/overview", "/api/v1/dashboard/health")) {
            List<String> ids = Http.get(gateway.url(path), gateway.token("viewer")).json().get("bots").valueStream()
                    .map(b -> b.get("bot_id").asString()).toList();
            assertThat(ids).as(path).isNotEmpty().doesNotContainAnyElementsOf(fuzz);
        }
        for (String bot : fuzz) {
            Http.Response view = Http.get(gateway.url("/api/v1/bots/" + bot), gateway.token("viewer"));
            assertThat(view.status()).as(bot).isEqualTo(JsonBody.BOT_ID.matcher(bot).matches() ? 404 : 400);
            assertThat(view.json().at("/error/field").asString()).as(bot).isEqualTo("bot_id");
        }
    }

    /** 404 UNKNOWN_BOT, or 400 where the id's grammar already refuses it (an id must start with a letter or digit). */
    private static boolean refusedOnBotId(Http.Response r) {
        String code = r.json().at("/error/code").asString();
        return "bot_id".equals(r.json().at("/error/field").asString())
                && (r.status() == 404 && "UNKNOWN_BOT".equals(code) || r.status() == 400);
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
