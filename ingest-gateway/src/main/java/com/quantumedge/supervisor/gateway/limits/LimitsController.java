package com.quantumedge.supervisor.gateway.limits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.views.LiveViews;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.Symbols;
import com.quantumedge.supervisor.schemas.Topics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The risk limits in force and their changes. Reads (viewer) resolve the defaults' and a bot's
 * records from this gateway's view of {@code sup.risk-limits.v1}; changes (operator) write the
 * edited record through that topic, which risk-stream applies, audited as RISK_LIMITS_CHANGED.
 * {@code defaults} in a path is the defaults record ({@code *}), so no bot can be called that here.
 */
@RestController
public class LimitsController {

    static final String DEFAULTS = "defaults";

    private final RiskLimitsView limits;
    private final LiveViews views;
    private final LimitsWriter writer;

    public LimitsController(RiskLimitsView limits, LiveViews views, LimitsWriter writer) {
        this.limits = limits;
        this.views = views;
        this.writer = writer;
    }

    @Schema(name = "AllLimits", description = "The defaults and the limits of every bot with limits or known to the gateway.")
    public record AllLimits(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The defaults every bot inherits (bot_id \"*\")")
            BotLimits defaults,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Every bot with a limits record or known to the gateway, by id")
            List<BotLimits> bots) {
    }

    @Operation(operationId = "allLimits", tags = "viewer", summary = "The limits in force: the defaults and every bot (viewer role)",
            description = "Every bot with a limits record or known to the gateway's live views. Each limit with its value, status "
                    + "(in_force, off, unset, replaced), source (builtin, default, default-symbol, bot, bot-symbol) and version.")
    @NotReadyAnswer
    @ApiResponse(responseCode = "200", description = "The defaults and every bot",
            content = @Content(schema = @Schema(implementation = AllLimits.class)))
    @GetMapping(path = "/api/v1/limits", produces = MediaType.APPLICATION_JSON_VALUE)
    public AllLimits all() {
        requireCaughtUp();
        RiskLimits defaults = limits.record(Topics.DEFAULT_LIMITS_KEY).orElse(null);
        TreeSet<String> bots = new TreeSet<>(views.botIds());
        bots.addAll(limits.keys());
        bots.remove(Topics.DEFAULT_LIMITS_KEY);
        List<BotLimits> out = new ArrayList<>();
        for (String bot : bots) {
            out.add(BotLimits.of(bot, defaults, limits.record(bot).orElse(null), null));
        }
        return new AllLimits(BotLimits.defaults(defaults, null), out);
    }

    @Operation(operationId = "defaultLimits", tags = "viewer", summary = "The defaults every bot inherits (viewer role)",
            description = "With ?symbol= also that symbol's per-symbol limits, override or not.")
    @NotReadyAnswer
    @ApiResponse(responseCode = "200", description = "The defaults", content = @Content(schema = @Schema(implementation = BotLimits.class)))
    @ApiResponse(responseCode = "400", description = "symbol is not a symbol (INVALID_VALUE)")
    @GetMapping(path = "/api/v1/limits/" + DEFAULTS, produces = MediaType.APPLICATION_JSON_VALUE)
    public BotLimits defaults(@Parameter(description = "a symbol to show", example = "BTCUSDT")
            @RequestParam(name = "symbol", required = false) String symbol) {
        requireCaughtUp();
        return BotLimits.defaults(limits.record(Topics.DEFAULT_LIMITS_KEY).orElse(null), symbol(symbol));
    }

    @Operation(operationId = "botLimits", tags = "viewer", summary = "The limits in force for one bot (viewer role)",
            description = "Every limit, and per symbol every symbol with an override; with ?symbol= also that symbol's. A bot "
                    + "without a record of its own has the defaults.")
    @NotReadyAnswer
    @ApiResponse(responseCode = "200", description = "The bot's limits (the defaults' for a bot without a record of its own)",
            content = @Content(schema = @Schema(implementation = BotLimits.class)))
    @ApiResponse(responseCode = "400", description = "botId is not a bot id, or symbol not a symbol (INVALID_VALUE)")
    @GetMapping(path = "/api/v1/limits/{botId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public BotLimits bot(@Parameter(description = BOT_PARAMETER, example = "bot-1") @PathVariable("botId") String botId,
            @Parameter(description = "a symbol to show", example = "BTCUSDT") @RequestParam(name = "symbol", required = false) String symbol) {
        requireCaughtUp();
        return BotLimits.of(botId(botId), limits.record(Topics.DEFAULT_LIMITS_KEY).orElse(null), limits.record(botId).orElse(null),
                symbol(symbol));
    }

    @Operation(operationId = "changeDefaults", tags = "operator", summary = "Change the defaults every bot inherits (operator role)",
            description = CHANGE,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = LimitsChangeRequest.class))))
    @ChangeAnswers
    @PutMapping(path = "/api/v1/limits/" + DEFAULTS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LimitsChanged> changeDefaults(@RequestBody String body, Principal principal) {
        return change(Topics.DEFAULT_LIMITS_KEY, null, body, principal);
    }

    @Operation(operationId = "changeDefaultsSymbol", tags = "operator",
            summary = "Change the defaults' override of one symbol (operator role)", description = CHANGE,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = SymbolLimitsChangeRequest.class))))
    @ChangeAnswers
    @PutMapping(path = "/api/v1/limits/" + DEFAULTS + "/symbols/{symbol}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LimitsChanged> changeDefaultsSymbol(
            @Parameter(description = SYMBOL_PARAMETER, example = "BTCUSDT") @PathVariable("symbol") String symbol,
            @RequestBody String body, Principal principal) {
        return change(Topics.DEFAULT_LIMITS_KEY, symbol(symbol), body, principal);
    }

    @Operation(operationId = "changeBot", tags = "operator", summary = "Change one bot's limits (operator role)",
            description = CHANGE,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = LimitsChangeRequest.class))))
    @ChangeAnswers
    @PutMapping(path = "/api/v1/limits/{botId}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LimitsChanged> changeBot(@Parameter(description = BOT_PARAMETER, example = "bot-1") @PathVariable("botId") String botId,
            @RequestBody String body, Principal principal) {
        return change(botId(botId), null, body, principal);
    }

    @Operation(operationId = "changeBotSymbol", tags = "operator",
            summary = "Change one bot's override of one symbol (operator role)", description = CHANGE,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = SymbolLimitsChangeRequest.class))))
    @ChangeAnswers
    @PutMapping(path = "/api/v1/limits/{botId}/symbols/{symbol}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LimitsChanged> changeBotSymbol(@Parameter(description = BOT_PARAMETER, example = "bot-1") @PathVariable("botId") String botId,
            @Parameter(description = SYMBOL_PARAMETER, example = "BTCUSDT") @PathVariable("symbol") String symbol,
            @RequestBody String body, Principal principal) {
        return change(botId(botId), symbol(symbol), body, principal);
    }

    static final String BOT_PARAMETER = "the bot; \"defaults\" is the defaults record, not a bot";
    static final String SYMBOL_PARAMETER = "the symbol, exactly as the bot sends it (URL-encoded)";

    /** The answer of every limits route while this gateway has not read the limits in force. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "503", description = "This gateway has not read the limits in force yet (LIMITS_NOT_READY); retry shortly")
    @interface NotReadyAnswer {
    }

    /** The answers of a change besides its 200 and the errors every body route shows. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "Written and shown by this gateway (changed false: the limits already were as "
            + "asked, nothing written)", content = @Content(schema = @Schema(implementation = LimitsChanged.class)))
    @ApiResponse(responseCode = "409", description = "expected_version is not the record's version (VERSION_CONFLICT): nothing written")
    @ApiResponse(responseCode = "503", description = "This gateway has not read the limits in force yet (LIMITS_NOT_READY), or the "
            + "event log is unavailable (BROKER_UNAVAILABLE); retry shortly")
    @interface ChangeAnswers {
    }

    private static final String CHANGE = "Only the limits named change: a number sets one (and switches its check on for this key), "
            + "null clears it so it inherits, \"off\" switches its check off for this key. Writes the record under the next version "
            + "to sup.risk-limits.v1 (risk-stream applies it) and a RISK_LIMITS_CHANGED event (who, why, old and new) to "
            + "sup.events.v1, and answers once this gateway shows it. 400 names a bad field; 409 VERSION_CONFLICT when "
            + "expected_version is not the record's version.";

    private Mono<LimitsChanged> change(String key, String symbol, String body, Principal principal) {
        requireCaughtUp();
        LimitsEdit edit = LimitsEdit.parse(body, symbol != null);
        String who = CallerBot.principal(principal).name();
        return Mono.fromCallable(() -> writer.change(key, symbol, edit, who)).subscribeOn(Schedulers.boundedElastic());
    }

    private void requireCaughtUp() {
        if (!limits.caughtUp()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "LIMITS_NOT_READY",
                    "the gateway has not read the limits in force yet; retry shortly", null);
        }
    }

    private static String botId(String botId) {
        if (!JsonBody.BOT_ID.matcher(botId).matches()) {
            throw ApiException.badRequest("INVALID_VALUE", "bot_id", "bot_id does not match " + JsonBody.BOT_ID.pattern());
        }
        return botId;
    }

    private static String symbol(String symbol) {
        if (symbol != null && !Symbols.isValid(symbol)) {
            throw ApiException.badRequest("INVALID_VALUE", "symbol", "symbol must be " + Symbols.DESCRIPTION);
        }
        return symbol;
    }
}
