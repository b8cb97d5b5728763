package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.CommandType;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/v1/control/{command}}: an operator's command and its receipt. */
public final class ControlContract {

    private ControlContract() {
    }

    @Schema(name = "ControlRequest", description = "Other fields are ignored.")
    public record Request(
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 500, description = "why: audited with the command",
                    example = "manual halt before maintenance") String reason,
            @Schema(minimum = "0", maximum = "10", description = "required by set-risk-multiplier", example = "0.5") Double multiplier,
            @Schema(pattern = "[a-z][a-z0-9_-]{0,31}", description = "required by set-mode", example = "paper") String mode,
            @Schema(pattern = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}",
                    description = "required by run-job: a job configured on the bot's process agent", example = "meta-agent") String job,
            @Schema(defaultValue = "false", description = "true commands a bot the gateway does not know (no heartbeat, risk limits "
                    + "record or process agent names it), e.g. to halt it before its first start; otherwise such a bot_id is 404 "
                    + "UNKNOWN_BOT, so a typo halts nothing silently", example = "false")
            @JsonProperty("allow_unknown_bot") Boolean allowUnknownBot) {
    }

    @Schema(name = "ControlAnswer", description = "The command is recorded; the services act on it asynchronously.")
    public record Answer(
            @Schema(requiredMode = REQUIRED, description = "always true") boolean accepted,
            @Schema(requiredMode = REQUIRED, format = "uuid", description = "acknowledgements and llm-check advice carry this id")
            @JsonProperty("command_id") String commandId,
            @Schema(requiredMode = REQUIRED, implementation = CommandType.class) @JsonProperty("command_type") CommandType commandType,
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, description = "the token's name") @JsonProperty("issued_by") String issuedBy,
            @Schema(requiredMode = REQUIRED, format = "int64") @JsonProperty("ts_ms") long tsMs,
            @Schema(requiredMode = REQUIRED, description = "the command's argument (multiplier, mode or job), as text")
            Map<String, String> args) {
    }
}
