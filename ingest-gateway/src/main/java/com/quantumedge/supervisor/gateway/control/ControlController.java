package com.quantumedge.supervisor.gateway.control;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.gateway.api.ControlContract;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.views.LiveViews;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.Topics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * Operator control, {@code POST /api/v1/control/{command}}: records who asked what for which bot and
 * why as an OperatorCommand on {@code sup.operator-commands.v1}, and answers its command id.
 * The risk engine and policy service act on it; this endpoint does not wait for them.
 */
@RestController
@Tag(name = "operator")
public class ControlController {

    static final Map<String, CommandType> COMMANDS = Map.ofEntries(
            Map.entry("halt", CommandType.HALT),
            Map.entry("resume", CommandType.RESUME),
            Map.entry("pause-entries", CommandType.PAUSE_ENTRIES),
            Map.entry("resume-entries", CommandType.RESUME_ENTRIES),
            Map.entry("reduce-only", CommandType.REDUCE_ONLY),
            Map.entry("set-risk-multiplier", CommandType.SET_RISK_MULTIPLIER),
            Map.entry("set-mode", CommandType.SET_MODE),
            Map.entry("restart", CommandType.RESTART),
            Map.entry("stop", CommandType.STOP),
            Map.entry("start", CommandType.START),
            Map.entry("run-job", CommandType.RUN_JOB),
            Map.entry("llm-check", CommandType.LLM_CHECK),
            Map.entry("retire", CommandType.RETIRE));
    private static final Pattern MODE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** A job is a name the agent looks up in its configuration, and part of its log file's name: no paths, no spaces. */
    static final String JOB_NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    private static final Pattern JOB = Pattern.compile(JOB_NAME);
    private static final double MAX_MULTIPLIER = 10;

    static final String ALLOW_UNKNOWN_BOT = "allow_unknown_bot";

    private final RecordPublisher publisher;
    private final LiveViews views;

    public ControlController(RecordPublisher publisher, LiveViews views) {
        this.publisher = publisher;
        this.views = views;
    }

    @Operation(operationId = "controlCommand", summary = "Operator command (operator role)",
            description = "command: halt, resume, pause-entries, resume-entries, reduce-only, set-risk-multiplier (multiplier), "
                    + "set-mode (mode), restart, stop, start, run-job (job: a job configured on the bot's process agent, "
                    + "name " + JOB_NAME + "), llm-check (the policy service's LLM advisor reviews the bot now), "
                    + "retire (the bot no longer exists: its risk state and own risk limits are removed; stop it and remove it "
                    + "from its process agent first). A bot_id no heartbeat, risk limits record or process agent names is 404 "
                    + "UNKNOWN_BOT unless the body says allow_unknown_bot: true (503 VIEWS_NOT_READY while this gateway is "
                    + "still reading which bots exist). "
                    + "Body: bot_id, reason, and the command's argument. "
                    + "Answers command_id; process commands (restart, stop, start, set-mode, run-job) are acknowledged "
                    + "by the agent on sup.agent-status.v1 under that id; llm-check is answered by an event on sup.events.v1 "
                    + "whose correlation_id is that id (the advice, or why there is none).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ControlContract.Request.class)))
    @ApiResponse(responseCode = "202", description = "Recorded; acted on asynchronously",
            content = @Content(schema = @Schema(implementation = ControlContract.Answer.class)))
    @ApiResponse(responseCode = "404", description = "Unknown command (UNKNOWN_COMMAND), or a bot_id no heartbeat, risk limits record "
            + "or process agent names, without allow_unknown_bot (UNKNOWN_BOT): nothing is written")
    @ApiResponse(responseCode = "503", description = "The event log is unavailable (BROKER_UNAVAILABLE), or this gateway has not yet "
            + "read which bots exist (VIEWS_NOT_READY): nothing is written; retry shortly")
    @PostMapping(path = "/api/v1/control/{command}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> command(
            @Parameter(description = "the operator command", schema = @Schema(allowableValues = {"halt", "resume",
                    "pause-entries", "resume-entries", "reduce-only", "set-risk-multiplier", "set-mode", "restart", "stop",
                    "start", "run-job", "llm-check", "retire"}), example = "halt")
            @PathVariable("command") String command, @RequestBody String body, Principal principal) {
        CommandType type = COMMANDS.get(command);
        if (type == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_COMMAND", "unknown command; one of " + COMMANDS.keySet(), "command");
        }
        JsonBody json = JsonBody.parse(body);
        OperatorCommand record = parse(type, json, CallerBot.principal(principal).name());
        if (!json.optionalBoolean(ALLOW_UNKNOWN_BOT, false)) {
            requireKnown(record.getBotId());
        }
        return publisher.publish(Topics.OPERATOR_COMMANDS, record.getBotId(), record).map(ignored -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("accepted", true);
            out.put("command_id", record.getCommandId());
            out.put("command_type", record.getCommandType().name());
            out.put("bot_id", record.getBotId());
            out.put("issued_by", record.getIssuedBy());
            out.put("ts_ms", record.getTsMs());
            out.put("args", record.getArgs());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
        });
    }

    /**
     * A command for a bot that does not exist would halt nothing and leave the bot's id in the risk
     * state for good (a typo halts nothing while the real bot keeps trading). Until the views have
     * caught up, an unknown bot may be a real one not read yet: that is a 503 to retry, not a 404.
     */
    private void requireKnown(String botId) {
        if (views.isKnown(botId)) {
            return;
        }
        if (!views.caughtUp()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "VIEWS_NOT_READY",
                    "this gateway has not yet read which bots exist; retry in a few seconds", "bot_id");
        }
        throw new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_BOT", "no bot " + botId + " is known (no heartbeat, no risk limits "
                + "record, no process agent manages it); check the id, or send \"" + ALLOW_UNKNOWN_BOT
                + "\": true to command a bot that has not started yet", "bot_id");
    }

    static OperatorCommand parse(CommandType type, JsonBody body, String issuedBy) {
        String botId = body.requiredString("bot_id", JsonBody.BOT_ID);
        String reason = body.optionalText("reason", 500)
                .filter(r -> !r.isBlank())
                .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", "reason", "reason is required: say why"));
        Map<String, String> args = new LinkedHashMap<>();
        if (type == CommandType.SET_RISK_MULTIPLIER) {
            double multiplier = body.requiredNumber("multiplier");
            if (multiplier < 0 || multiplier > MAX_MULTIPLIER) {
                throw ApiException.badRequest("INVALID_VALUE", "multiplier", "multiplier must be between 0 and " + (int) MAX_MULTIPLIER);
            }
            args.put("multiplier", Double.toString(multiplier));
        } else if (type == CommandType.SET_MODE) {
            args.put("mode", body.requiredString("mode", MODE));
        } else if (type == CommandType.RUN_JOB) {
            args.put("job", body.requiredString("job", JOB));
        }
        String commandId = UUID.randomUUID().toString();
        return OperatorCommand.newBuilder()
                .setEventId(commandId)
                .setBotId(botId)
                .setTsMs(System.currentTimeMillis())
                .setCommandId(commandId)
                .setCommandType(type)
                .setIssuedBy(issuedBy)
                .setReason(reason)
                .setArgs(args)
                .setSource("HTTP")
                .build();
    }
}
