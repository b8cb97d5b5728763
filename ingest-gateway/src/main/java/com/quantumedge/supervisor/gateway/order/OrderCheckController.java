package com.quantumedge.supervisor.gateway.order;

import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.gateway.api.OrderCheckContract;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.config.InstanceId;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.views.LiveViews;
import com.quantumedge.supervisor.gateway.views.RiskFlags;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.NumericBounds;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The original bot's pre-trade check, {@code POST /api/v1/risk/evaluate}: the request goes to the
 * risk engine over Kafka and the answer is the matching decision. Fail closed: no decision within the
 * timeout, or no broker, answers {@code allowed=false} with {@code SUPERVISOR_UNAVAILABLE}.
 */
@RestController
@Tag(name = "bot")
public class OrderCheckController {

    private static final EnumSet<OrderType> ORDER_TYPES = EnumSet.complementOf(EnumSet.of(OrderType.OTHER));
    private static final EnumSet<OrderType> PRICED = EnumSet.of(OrderType.LIMIT, OrderType.STOP_LIMIT, OrderType.TAKE_PROFIT_LIMIT);

    private final RecordPublisher publisher;
    private final DecisionListener decisions;
    private final LiveViews views;
    private final String instanceId;
    private final Duration timeout;
    private final Counter timeouts;
    private final Timer allowed;
    private final Timer denied;
    private final Timer timedOut;
    private final Timer unavailable;
    private final MeterRegistry meters;

    public OrderCheckController(RecordPublisher publisher, DecisionListener decisions, LiveViews views, InstanceId instanceId,
            GatewayProperties properties, MeterRegistry meters) {
        this.publisher = publisher;
        this.decisions = decisions;
        this.views = views;
        this.instanceId = instanceId.value();
        this.timeout = properties.orderCheck().timeout();
        this.meters = meters;
        this.timeouts = Counter.builder("gateway.order.check.timeouts")
                .description("Order checks denied because no decision arrived in time").register(meters);
        // Registered once: looking a timer up per request (builder, id, registry map) is per-check work for nothing.
        this.allowed = latencyTimer(meters, "allowed");
        this.denied = latencyTimer(meters, "denied");
        this.timedOut = latencyTimer(meters, "timeout");
        this.unavailable = latencyTimer(meters, "unavailable");
    }

    private static Timer latencyTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("gateway.order.check.latency").description("HTTP order check: request produced to decision answered")
                .tag("outcome", outcome).publishPercentileHistogram().register(meters);
    }

    @Operation(operationId = "evaluateOrder", summary = "Pre-trade check of one order (bot role)",
            description = "Body: symbol, side (BUY/SELL), order_type, quantity, optional price, notional, leverage, "
                    + "is_reduce_only, client_order_id. Answers allowed, code, reason, check, limit, value, exposure after, risk flags.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = OrderCheckContract.Request.class)))
    @ApiResponse(responseCode = "200", description = "The decision, allowed or not (fail closed: SUPERVISOR_UNAVAILABLE)",
            content = @Content(schema = @Schema(implementation = OrderCheckContract.Answer.class)))
    @PostMapping(path = "/api/v1/risk/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> evaluate(@RequestBody(required = false) String body, Principal principal) {
        long started = System.nanoTime();
        OrderRequest request = parse(JsonBody.parse(body), principal);
        String correlationId = request.getCorrelationId();
        Mono<OrderDecision> reply = decisions.expect(correlationId);
        return publisher.publish(Topics.ORDER_REQUESTS, request.getBotId(), request)
                .then(reply)
                .timeout(timeout)
                .map(decision -> answer(decision, started))
                .onErrorResume(e -> {
                    decisions.forget(correlationId);
                    boolean isTimeout = e instanceof TimeoutException;
                    if (isTimeout) {
                        timeouts.increment();
                    }
                    return Mono.just(unavailable(request, isTimeout, started));
                });
    }

    private OrderRequest parse(JsonBody body, Principal principal) {
        String botId = CallerBot.botId(principal, body);
        OrderType type = body.requiredEnum("order_type", OrderType.class, ORDER_TYPES);
        Double price = body.optionalNumber("price", NumericBounds.PRICE).orElse(null);
        if (price == null && PRICED.contains(type)) {
            throw ApiException.badRequest("MISSING_FIELD", "price", "price is required for " + type + " orders");
        }
        long now = System.currentTimeMillis();
        return OrderRequest.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(now)
                .setCorrelationId(UUID.randomUUID().toString())
                .setClientOrderId(body.optionalString("client_order_id", JsonBody.IDENTIFIER).orElse(null))
                .setSymbol(body.requiredSymbol("symbol"))
                .setSide(body.requiredEnum("side", Side.class, EnumSet.allOf(Side.class)))
                .setOrderType(type)
                .setQuantity(body.requiredNumber("quantity", NumericBounds.POSITIVE_QUANTITY))
                .setPrice(price)
                .setNotional(body.optionalNumber("notional", NumericBounds.POSITIVE_MONEY).orElse(null))
                .setLeverage(body.optionalNumber("leverage", NumericBounds.LEVERAGE).orElse(null))
                .setIsReduceOnly(body.optionalBoolean("is_reduce_only", false))
                .setReplyTo(instanceId)
                .build();
    }

    private Map<String, Object> answer(OrderDecision d, long started) {
        record(d.getAllowed() ? allowed : denied, started);
        if (!d.getAllowed()) {
            countDenial(d.getBotId(), d.getCode().name());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowed", d.getAllowed());
        out.put("code", d.getCode().name());
        out.put("reason", d.getReason());
        out.put("check", d.getCheck());
        out.put("limit", d.getLimit());
        out.put("value", d.getValue());
        out.put("notional", d.getNotional());
        out.put("symbol_exposure_after", d.getSymbolExposureAfter());
        out.put("gross_exposure_after", d.getGrossExposureAfter());
        out.put("trading_state", d.getTradingState().name());
        out.put("halted", d.getTradingState() == com.quantumedge.supervisor.avro.TradingState.HALTED);
        out.put("entries_paused", d.getEntriesPaused());
        out.put("llm_paused", d.getLlmPaused());
        out.put("risk_multiplier", d.getRiskMultiplier());
        out.put("correlation_id", d.getCorrelationId());
        out.put("client_order_id", d.getClientOrderId());
        return out;
    }

    private Map<String, Object> unavailable(OrderRequest request, boolean isTimeout, long started) {
        record(isTimeout ? timedOut : unavailable, started);
        countDenial(request.getBotId(), DecisionCode.SUPERVISOR_UNAVAILABLE.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allowed", false);
        out.put("code", DecisionCode.SUPERVISOR_UNAVAILABLE.name());
        out.put("reason", isTimeout
                ? "no risk decision within " + timeout.toMillis() + " ms; denied (fail closed)"
                : "the event log is unavailable; denied (fail closed)");
        out.put("check", null);
        out.put("limit", null);
        out.put("value", null);
        out.put("notional", request.getNotional());
        out.put("symbol_exposure_after", null);
        out.put("gross_exposure_after", null);
        out.putAll(RiskFlags.of(views.riskState(request.getBotId())));
        out.put("correlation_id", request.getCorrelationId());
        out.put("client_order_id", request.getClientOrderId());
        return out;
    }

    /** Per bot, for the OrderDenials alert (which a HALT of the same bot inhibits): bounded by the bots that may call. */
    private void countDenial(String botId, String code) {
        Counter.builder("gateway.order.denials").description("Order checks answered allowed=false, by bot and code")
                .tag("bot_id", botId).tag("code", code).register(meters).increment();
    }

    private static void record(Timer timer, long started) {
        timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
