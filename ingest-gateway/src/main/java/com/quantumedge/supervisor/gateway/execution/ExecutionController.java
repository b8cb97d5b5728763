package com.quantumedge.supervisor.gateway.execution;

import java.security.Principal;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.gateway.api.ExecutionContract;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.NumericBounds;
import com.quantumedge.supervisor.schemas.Topics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/executions}: one fill, cancel, reject or expiry with a unique {@code exec_id}.
 * Answered 202 once the broker has the record; the risk engine applies each exec_id once.
 */
@RestController
@Tag(name = "bot")
public class ExecutionController {

    private final RecordPublisher publisher;

    public ExecutionController(RecordPublisher publisher) {
        this.publisher = publisher;
    }

    @Operation(operationId = "reportExecution", summary = "Report a fill, cancel, reject or expiry (bot role)",
            description = "Body: exec_id, exec_type (FILL/CANCEL/REJECT/EXPIRE), symbol, side, qty, price (required for FILL), "
                    + "fee, fee_asset, leaves_qty, client_order_id, correlation_id, reason, ts_ms.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ExecutionContract.Request.class)))
    @ApiResponse(responseCode = "202", description = "Recorded on the event log",
            content = @Content(schema = @Schema(implementation = ExecutionContract.Answer.class)))
    @ApiResponse(responseCode = "503", description = "The event log is unavailable (BROKER_UNAVAILABLE)")
    @PostMapping(path = "/api/v1/executions", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> execution(@RequestBody(required = false) String body, Principal principal) {
        Execution execution = parse(JsonBody.parse(body), principal);
        return publisher.publish(Topics.EXECUTIONS, execution.getBotId(), execution).map(ignored -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("accepted", true);
            out.put("exec_id", execution.getExecId());
            out.put("event_id", execution.getEventId());
            out.put("bot_id", execution.getBotId());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
        });
    }

    static Execution parse(JsonBody body, Principal principal) {
        String botId = CallerBot.botId(principal, body);
        ExecType type = body.requiredEnum("exec_type", ExecType.class, EnumSet.allOf(ExecType.class));
        Double price;
        double qty;
        if (type == ExecType.FILL) {
            qty = body.requiredNumber("qty", NumericBounds.POSITIVE_QUANTITY);
            price = body.optionalNumber("price", NumericBounds.PRICE)
                    .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", "price", "price is required for a FILL"));
        } else {
            qty = body.requiredNumber("qty", NumericBounds.QUANTITY);
            // a cancelled market order has no price; exchanges report it as 0
            price = body.optionalPriceOrZero("price").orElse(null);
        }
        return Execution.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(body.optionalEpochMillis("ts_ms").orElse(System.currentTimeMillis()))
                .setExecId(body.requiredString("exec_id", JsonBody.IDENTIFIER))
                .setExecType(type)
                .setClientOrderId(body.optionalString("client_order_id", JsonBody.IDENTIFIER).orElse(null))
                .setCorrelationId(body.optionalString("correlation_id", JsonBody.IDENTIFIER).orElse(null))
                .setSymbol(body.requiredSymbol("symbol"))
                .setSide(body.requiredEnum("side", Side.class, EnumSet.allOf(Side.class)))
                .setQty(qty)
                .setPrice(price)
                .setFee(body.optionalNumber("fee", NumericBounds.MONEY).orElse(0.0))
                .setFeeAsset(body.optionalSymbol("fee_asset").orElse(null))
                .setLeavesQty(body.optionalNumber("leaves_qty", NumericBounds.QUANTITY).orElse(null))
                .setReason(body.optionalText("reason", 500).orElse(null))
                .build();
    }
}
