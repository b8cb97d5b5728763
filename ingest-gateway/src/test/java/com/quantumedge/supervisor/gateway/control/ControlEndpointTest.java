package com.quantumedge.supervisor.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

import tools.jackson.databind.JsonNode;

class ControlEndpointTest {

    private final RunningGateway gateway = SharedGateway.get();

    private OperatorCommand published(String bot, String commandId) {
        return TopicRecords.read(Topics.OPERATOR_COMMANDS, bot,
                l -> l.stream().anyMatch(c -> c.getCommandId().equals(commandId)), Duration.ofSeconds(20))
                .stream().filter(c -> c.getCommandId().equals(commandId)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("halt records who, why and when as an OperatorCommand and answers its command id")
    void haltIsRecorded() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        Http.Response response = Http.postJson(gateway.url("/api/v1/control/halt"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"exchange incident\"}");

        assertThat(response.status()).isEqualTo(202);
        String commandId = response.json().get("command_id").asString();
        OperatorCommand command = published(bot, commandId);
        assertThat(command.getCommandType()).isEqualTo(CommandType.HALT);
        assertThat(command.getIssuedBy()).isEqualTo("operator");
        assertThat(command.getReason()).isEqualTo("exchange incident");
        assertThat(command.getSource()).isEqualTo("HTTP");
        assertThat(command.getTsMs()).isPositive();
    }

    @Test
    @DisplayName("set-risk-multiplier carries the multiplier as an argument")
    void multiplierArgument() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        JsonNode json = Http.postJson(gateway.url("/api/v1/control/set-risk-multiplier"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"volatile\",\"multiplier\":0.5}").json();

        assertThat(published(bot, json.get("command_id").asString()).getArgs()).containsEntry("multiplier", "0.5");
    }

    @Test
    @DisplayName("set-mode carries the mode as an argument")
    void modeArgument() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        JsonNode json = Http.postJson(gateway.url("/api/v1/control/set-mode"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"trial\",\"mode\":\"paper\"}").json();

        assertThat(published(bot, json.get("command_id").asString()).getArgs()).containsEntry("mode", "paper");
    }

    @Test
    @DisplayName("every documented command maps to its command type")
    void everyCommandIsAccepted() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        for (String command : new String[] {"resume", "pause-entries", "resume-entries", "reduce-only", "restart", "stop", "start"}) {
            Http.Response response = Http.postJson(gateway.url("/api/v1/control/" + command), gateway.token("operator"),
                    "{\"bot_id\":\"" + bot + "\",\"reason\":\"drill\"}");
            assertThat(response.status()).as(command).isEqualTo(202);
            assertThat(response.json().get("command_type").asString()).isEqualTo(ControlController.COMMANDS.get(command).name());
        }
    }

    @Test
    @DisplayName("an unknown command is 404 naming the command field")
    void unknownCommand() {
        Http.Response response = Http.postJson(gateway.url("/api/v1/control/self-destruct"), gateway.token("operator"),
                "{\"bot_id\":\"b\",\"reason\":\"x\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/error/field").asString()).isEqualTo("command");
    }
}
