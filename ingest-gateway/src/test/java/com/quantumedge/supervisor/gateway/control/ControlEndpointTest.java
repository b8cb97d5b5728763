package com.quantumedge.supervisor.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
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
        String bot = KnownBots.managedByAgent(gateway);
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
        String bot = KnownBots.managedByAgent(gateway);
        JsonNode json = Http.postJson(gateway.url("/api/v1/control/set-risk-multiplier"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"volatile\",\"multiplier\":0.5}").json();

        assertThat(published(bot, json.get("command_id").asString()).getArgs()).containsEntry("multiplier", "0.5");
    }

    @Test
    @DisplayName("set-mode carries the mode as an argument")
    void modeArgument() {
        String bot = KnownBots.managedByAgent(gateway);
        JsonNode json = Http.postJson(gateway.url("/api/v1/control/set-mode"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"trial\",\"mode\":\"paper\"}").json();

        assertThat(published(bot, json.get("command_id").asString()).getArgs()).containsEntry("mode", "paper");
    }

    @Test
    @DisplayName("every documented command maps to its command type")
    void everyCommandIsAccepted() {
        String bot = KnownBots.managedByAgent(gateway);
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

    @Test
    @DisplayName("run-job records a RUN_JOB command with the job as args.job, for the agent to run")
    void runJobIsRecorded() {
        String bot = KnownBots.managedByAgent(gateway);
        Http.Response response = Http.postJson(gateway.url("/api/v1/control/run-job"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"nightly check\",\"job\":\"meta-agent\"}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("command_type").asString()).isEqualTo("RUN_JOB");
        assertThat(response.json().at("/args/job").asString()).isEqualTo("meta-agent");
        OperatorCommand command = published(bot, response.json().get("command_id").asString());
        assertThat(command.getCommandType()).isEqualTo(CommandType.RUN_JOB);
        assertThat(command.getArgs()).isEqualTo(Map.of("job", "meta-agent"));
        assertThat(command.getIssuedBy()).isEqualTo("operator");
        assertThat(command.getReason()).isEqualTo("nightly check");
        assertThat(command.getSource()).isEqualTo("HTTP");
    }

    @Test
    @DisplayName("llm-check records an LLM_CHECK command, without arguments, for the policy service's advisor")
    void llmCheckIsRecorded() {
        String bot = KnownBots.managedByAgent(gateway);
        Http.Response response = Http.postJson(gateway.url("/api/v1/control/llm-check"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"volatile session\"}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("command_type").asString()).isEqualTo("LLM_CHECK");
        OperatorCommand command = published(bot, response.json().get("command_id").asString());
        assertThat(command.getCommandType()).isEqualTo(CommandType.LLM_CHECK);
        assertThat(command.getArgs()).isEmpty();
        assertThat(command.getReason()).isEqualTo("volatile session");
        assertThat(Http.postJson(gateway.url("/api/v1/control/llm-check"), gateway.token("viewer"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"me\"}").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("run-job refuses a missing or unsafe job with a 400 naming the job field, and records none of them")
    void runJobRefusesUnsafeJobs() {
        String bot = KnownBots.managedByAgent(gateway);
        Map<String, String> badJobs = Map.of(
                "", "MISSING_FIELD",
                ",\"job\":null", "MISSING_FIELD",
                ",\"job\":7", "INVALID_TYPE",
                ",\"job\":\"\"", "INVALID_VALUE",
                ",\"job\":\"../../bin/sh\"", "INVALID_VALUE",
                ",\"job\":\"meta-agent; rm -rf /\"", "INVALID_VALUE",
                ",\"job\":\"--help\"", "INVALID_VALUE",
                ",\"job\":\"" + "j".repeat(65) + "\"", "INVALID_VALUE");
        List<String> failures = new ArrayList<>();
        badJobs.forEach((job, code) -> {
            Http.Response response = Http.postJson(gateway.url("/api/v1/control/run-job"), gateway.token("operator"),
                    "{\"bot_id\":\"" + bot + "\",\"reason\":\"drill\"" + job + "}");
            if (response.status() != 400 || !code.equals(response.json().at("/error/code").asString())
                    || !"job".equals(response.json().at("/error/field").asString())) {
                failures.add(job + " -> " + response.status() + " " + response.body());
            }
        });
        assertThat(failures).isEmpty();

        String marker = Http.postJson(gateway.url("/api/v1/control/run-job"), gateway.token("operator"),
                "{\"bot_id\":\"" + bot + "\",\"reason\":\"marker\",\"job\":\"ok.job_1\"}").json().get("command_id").asString();
        List<OperatorCommand> recorded = TopicRecords.read(Topics.OPERATOR_COMMANDS, bot,
                l -> l.stream().anyMatch(c -> c.getCommandId().equals(marker)), Duration.ofSeconds(20));
        assertThat(recorded).extracting(OperatorCommand::getCommandId).containsExactly(marker);
    }

    @Test
    @DisplayName("only operators may run jobs: viewer and bot tokens are 403")
    void runJobNeedsOperator() {
        String body = "{\"bot_id\":\"" + SharedGateway.BOT + "\",\"reason\":\"me\",\"job\":\"meta-agent\"}";

        assertThat(Http.postJson(gateway.url("/api/v1/control/run-job"), gateway.token("viewer"), body).status()).isEqualTo(403);
        assertThat(Http.postJson(gateway.url("/api/v1/control/run-job"), gateway.token(SharedGateway.BOT), body).status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("the OpenAPI document lists every control command, run-job included, and describes its job argument")
    void openApiListsEveryCommand() {
        JsonNode operation = Http.get(gateway.url("/v3/api-docs"), gateway.token("viewer")).json()
                .path("paths").path("/api/v1/control/{command}").path("post");

        List<String> documented = new ArrayList<>();
        operation.path("parameters").get(0).path("schema").path("enum").forEach(v -> documented.add(v.asString()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ControlController.COMMANDS.keySet());
        assertThat(operation.path("description").asString()).contains("run-job (job:").contains("llm-check");
    }
}
