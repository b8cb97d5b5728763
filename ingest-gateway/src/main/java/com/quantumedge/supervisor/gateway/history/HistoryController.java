package com.quantumedge.supervisor.gateway.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.quantumedge.supervisor.clickhouse.query.AuditReport;
import com.quantumedge.supervisor.clickhouse.query.HistoryQueries;
import com.quantumedge.supervisor.gateway.api.HistoryContract;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;

/**
 * History from ClickHouse (viewer role): equity/PnL series, decisions by code, event search and the
 * daily audit report. Times are ISO-8601 instants; {@code to} defaults to now, {@code from} to a day
 * before {@code to}; steps are {@code 30s}, {@code 1m}, {@code 1h}, {@code 1d} or ISO durations.
 */
@RestController
@Tag(name = "viewer")
public class HistoryController {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(s|m|h|d)");

    private final ObjectProvider<HistoryQueries> history;
    private final ObjectProvider<AuditReport> audit;

    public HistoryController(ObjectProvider<HistoryQueries> history, ObjectProvider<AuditReport> audit) {
        this.history = history;
        this.audit = audit;
    }

    @Operation(operationId = "historyEquity", summary = "Equity and PnL of one bot per step (viewer role)")
    @ApiResponse(responseCode = "200", description = "One point per step with data",
            content = @Content(schema = @Schema(implementation = HistoryContract.Equity.class)))
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (error.field names it)")
    @ApiResponse(responseCode = "503", description = "No ClickHouse is configured (TSDB_NOT_CONFIGURED)")
    @GetMapping(path = "/api/v1/history/equity", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> equity(@Parameter(example = "bot-1") @RequestParam("bot_id") String botId,
            @Parameter(description = "ISO-8601 instant; default a day before to", example = "2026-12-04T00:00:00Z") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "ISO-8601 instant; default now", example = "2026-12-05T00:00:00Z") @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "30s, 1m, 1h, 1d or an ISO-8601 duration") @RequestParam(name = "step", defaultValue = "1m") String step) {
        Range range = range(from, to);
        Duration s = duration("step", step);
        return blocking(() -> Map.of("bot_id", bot(botId), "from", range.from().toString(), "to", range.to().toString(),
                "step_s", s.toSeconds(), "points", queries().equity(botId, range.from(), range.to(), s)));
    }

    @Operation(operationId = "historyDecisions", summary = "Order decisions by code per step, for one bot or all (viewer role)")
    @ApiResponse(responseCode = "200", description = "Counts per step and code",
            content = @Content(schema = @Schema(implementation = HistoryContract.Decisions.class)))
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (error.field names it)")
    @ApiResponse(responseCode = "503", description = "No ClickHouse is configured (TSDB_NOT_CONFIGURED)")
    @GetMapping(path = "/api/v1/history/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> decisions(
            @Parameter(description = "one bot only", example = "bot-1") @RequestParam(name = "bot_id", required = false) String botId,
            @Parameter(description = "ISO-8601 instant; default a day before to", example = "2026-12-04T00:00:00Z") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "ISO-8601 instant; default now", example = "2026-12-05T00:00:00Z") @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "whole minutes: 1m, 1h, 1d or an ISO-8601 duration") @RequestParam(name = "step", defaultValue = "1m") String step) {
        Range range = range(from, to);
        Duration s = duration("step", step);
        String bot = botId == null ? null : bot(botId);
        return blocking(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bot_id", bot);
            out.put("from", range.from().toString());
            out.put("to", range.to().toString());
            out.put("step_s", s.toSeconds());
            out.put("counts", queries().decisionsByCode(bot, range.from(), range.to(), s));
            return out;
        });
    }

    @Operation(operationId = "historyEvents", summary = "Supervisor events by type, bot and time, newest first (viewer role)")
    @ApiResponse(responseCode = "200", description = "Matching stored records",
            content = @Content(schema = @Schema(implementation = HistoryContract.Events.class)))
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (error.field names it)")
    @ApiResponse(responseCode = "503", description = "No ClickHouse is configured (TSDB_NOT_CONFIGURED)")
    @GetMapping(path = "/api/v1/history/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> events(
            @Parameter(required = true, description = "stored record type (a table: events, executions, order_decisions, ...)", example = "events")
            @RequestParam(name = "type", required = false) String type,
            @Parameter(description = "one bot only", example = "bot-1") @RequestParam(name = "bot_id", required = false) String botId,
            @Parameter(description = "ISO-8601 instant; default a day before to", example = "2026-12-04T00:00:00Z") @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "ISO-8601 instant; default now", example = "2026-12-05T00:00:00Z") @RequestParam(name = "to", required = false) String to,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000")) @RequestParam(name = "limit", defaultValue = "100") int limit) {
        Range range = range(from, to);
        String bot = botId == null ? null : bot(botId);
        return blocking(() -> Map.of("events", queries().events(type, bot, range.from(), range.to(), limit)));
    }

    @Operation(operationId = "historyAudit", summary = "Daily audit report of one bot as markdown (viewer role)")
    @ApiResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = "text/markdown", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (error.field names it)")
    @ApiResponse(responseCode = "503", description = "No ClickHouse is configured (TSDB_NOT_CONFIGURED)")
    @GetMapping(path = "/api/v1/history/audit", produces = "text/markdown")
    public Mono<String> audit(@Parameter(example = "bot-1") @RequestParam("bot_id") String botId,
            @Parameter(description = "UTC day yyyy-MM-dd; default today", example = "2026-12-04") @RequestParam(name = "date", required = false) String date) {
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_VALUE", "date", "date must be yyyy-MM-dd");
        }
        String bot = bot(botId);
        return blocking(() -> report().markdown(bot, day));
    }

    private HistoryQueries queries() {
        HistoryQueries q = history.getIfAvailable();
        if (q == null) {
            throw notConfigured();
        }
        return q;
    }

    private AuditReport report() {
        AuditReport r = audit.getIfAvailable();
        if (r == null) {
            throw notConfigured();
        }
        return r;
    }

    private static ApiException notConfigured() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "TSDB_NOT_CONFIGURED",
                "history needs ClickHouse: set supervisor.gateway.tsdb.clickhouse-url (CLICKHOUSE_URL)", null);
    }

    /** Runs a ClickHouse query off the event loop; the library's "field: message" errors become 400s naming the field. */
    private static <T> Mono<T> blocking(Callable<T> query) {
        return Mono.fromCallable(query).subscribeOn(Schedulers.boundedElastic()).onErrorMap(IllegalArgumentException.class, e -> {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            String field = colon > 0 && message.substring(0, colon).matches("[a-z_]+") ? message.substring(0, colon) : null;
            return ApiException.badRequest("INVALID_VALUE", field, message);
        });
    }

    private static String bot(String botId) {
        if (!JsonBody.BOT_ID.matcher(botId).matches()) {
            throw ApiException.badRequest("INVALID_VALUE", "bot_id", "bot_id does not match " + JsonBody.BOT_ID.pattern());
        }
        return botId;
    }

    private record Range(Instant from, Instant to) {
    }

    private static Range range(String from, String to) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("INVALID_VALUE", "from", "from must be before to");
        }
        return new Range(start, end);
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " must be an ISO-8601 instant, e.g. 2026-11-24T10:00:00Z");
        }
    }

    static Duration duration(String field, String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            Duration d = m.matches() ? switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
                case "m" -> Duration.ofMinutes(Long.parseLong(m.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(m.group(1)));
                default -> Duration.ofDays(Long.parseLong(m.group(1)));
            } : Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw ApiException.badRequest("INVALID_VALUE", field, field + " must be positive");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " must be like 30s, 1m, 1h, 1d or an ISO-8601 duration");
        }
    }
}
