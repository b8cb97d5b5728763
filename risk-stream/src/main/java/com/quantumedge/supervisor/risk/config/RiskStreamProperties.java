package com.quantumedge.supervisor.risk.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.Symbols;

/**
 * Configuration of risk-stream (prefix {@code supervisor.risk}); every setting and its default is
 * documented in the module README.
 */
@Validated
@ConfigurationProperties("supervisor.risk")
public record RiskStreamProperties(
        @Valid @NotNull @DefaultValue Streams streams,
        @Valid @NotNull @DefaultValue Book book,
        @Valid @NotNull @DefaultValue Limits limits) {

    /**
     * @param applicationId      Kafka Streams application id (consumer group, changelog topic prefix)
     * @param stateDir           local state directory; empty means {@code <java.io.tmpdir>/qe-risk-stream}
     * @param commitInterval     offset commit interval (at-least-once; state is idempotent, so this only bounds re-reading after a crash)
     * @param poll               Kafka Streams {@code poll.ms}
     * @param lingerMs           producer {@code linger.ms}; Kafka Streams would otherwise use 100
     * @param threads            stream threads in this instance
     * @param standbyReplicas    warm copies of each task's state on other instances; unset: Kafka Streams'
     *                           {@code num.standby.replicas} from {@code spring.kafka.streams.properties}, else 0
     * @param stateCacheMaxBytes Kafka Streams {@code statestore.cache.max.bytes}: holds each bot's latest risk book until
     *                           the next commit, so a burst of checks writes one changelog record per bot, not one per check
     */
    public record Streams(
            @DefaultValue("risk-stream") @NotBlank String applicationId,
            @DefaultValue("") String stateDir,
            @DefaultValue("1s") @NotNull Duration commitInterval,
            @DefaultValue("5ms") @NotNull Duration poll,
            @DefaultValue("0") @Min(0) int lingerMs,
            @DefaultValue("1") @Min(1) int threads,
            @Min(0) Integer standbyReplicas,
            @DefaultValue("10485760") @Min(0) long stateCacheMaxBytes) {

        public String resolvedStateDir() {
            return stateDir == null || stateDir.isBlank()
                    ? java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "qe-risk-stream").toString() : stateDir;
        }
    }

    /**
     * @param reservationTtl      an allowed order's reservation is released this long (event time) after its check unless an execution ended it
     * @param riskStateInterval   how often risk state changed only by order checks is published
     * @param execIdRetention     how long applied exec ids are remembered to drop duplicate fills
     * @param mismatchPolicy      TRUST_FILLS (alert, keep computed) or TRUST_HEARTBEAT (alert, take the bot's)
     * @param positionTolerance   absolute quantity difference tolerated between reported and computed positions
     * @param tradingDayZone      zone whose midnight starts a trading day
     */
    public record Book(
            @DefaultValue("10m") @NotNull Duration reservationTtl,
            @DefaultValue("1s") @NotNull Duration riskStateInterval,
            @DefaultValue("7d") @NotNull Duration execIdRetention,
            @DefaultValue("TRUST_FILLS") @NotNull MismatchPolicy mismatchPolicy,
            @DefaultValue("1e-9") @Positive double positionTolerance,
            @DefaultValue("UTC") @NotNull ZoneId tradingDayZone) {

        public BookSettings settings() {
            return new BookSettings(reservationTtl, mismatchPolicy, positionTolerance, tradingDayZone);
        }
    }

    /**
     * @param publishOnStartup publish configured limits that differ from the topic's latest (new version, audited)
     * @param updatedBy        principal recorded on limits this service publishes
     * @param defaults         the defaults record (key '*'); the built-in defaults apply under it
     * @param bots             per-bot records
     */
    public record Limits(
            @DefaultValue("true") boolean publishOnStartup,
            @DefaultValue("config:risk-stream") @NotBlank String updatedBy,
            @Valid @NotNull @DefaultValue LimitValues defaults,
            @NotNull @DefaultValue Map<String, @Valid LimitValues> bots) {
    }

    /**
     * One limits record as configuration (field names as in {@code RiskLimits}, kebab-case); a missing
     * value inherits the defaults record, then the built-in defaults. A check is switched off only by
     * listing its decision code in {@code disabled-checks}. {@code symbols} keys follow {@link Symbols}; a key
     * with {@code /} or {@code :} (ccxt symbols) must be bracketed, {@code symbols[BTC/USDT:USDT]}
     * ({@code "[BTC/USDT:USDT]"} in YAML), or Spring drops those characters.
     */
    public record LimitValues(
            @Positive Double maxOrderQty,
            @Positive Double maxOrderNotional,
            @Positive @Max(100) Double maxOrderNotionalPctEquity,
            @Positive Double maxLeverage,
            @Positive Double maxSymbolExposure,
            @Positive Double maxSymbolExposureXEquity,
            @Positive Double maxGrossExposure,
            @Positive Double maxGrossExposureXEquity,
            @Min(0) Integer maxOpenOrders,
            @Min(0) Integer maxSubmitsPerWindow,
            @Positive Long submitWindowMs,
            @Positive Double priceCollarPct,
            @Positive Long maxPriceAgeMs,
            @Positive Double maxDailyLoss,
            @Positive @Max(100) Double maxDailyLossPct,
            @Positive @Max(100) Double maxDrawdownPct,
            @Positive Double maxRiskMultiplier,
            Boolean newDayLiftsDailyLossHalt,
            List<String> disabledChecks,
            @NotNull @DefaultValue Map<@Pattern(regexp = Symbols.REGEX,
                    message = "symbol key must be " + Symbols.DESCRIPTION) String, @Valid SymbolValues> symbols) {

        /** This configuration as the content of the limits record of {@code key}; identity fields are the publisher's. */
        public RiskLimits toRecord(String key) {
            Map<String, SymbolLimits> bySymbol = new LinkedHashMap<>();
            symbols.forEach((symbol, v) -> bySymbol.put(symbol, SymbolLimits.newBuilder().setMaxOrderQty(v.maxOrderQty())
                    .setMaxOrderNotional(v.maxOrderNotional()).setMaxSymbolExposure(v.maxSymbolExposure())
                    .setPriceCollarPct(v.priceCollarPct()).build()));
            return RiskLimits.newBuilder()
                    .setEventId("")
                    .setBotId(key)
                    .setTsMs(0)
                    .setVersion(0)
                    .setUpdatedBy("")
                    .setMaxOrderQty(maxOrderQty)
                    .setMaxOrderNotional(maxOrderNotional)
                    .setMaxOrderNotionalPctEquity(maxOrderNotionalPctEquity)
                    .setMaxLeverage(maxLeverage)
                    .setMaxSymbolExposure(maxSymbolExposure)
                    .setMaxSymbolExposureXEquity(maxSymbolExposureXEquity)
                    .setMaxGrossExposure(maxGrossExposure)
                    .setMaxGrossExposureXEquity(maxGrossExposureXEquity)
                    .setMaxOpenOrders(maxOpenOrders)
                    .setMaxSubmitsPerWindow(maxSubmitsPerWindow)
                    .setSubmitWindowMs(submitWindowMs)
                    .setPriceCollarPct(priceCollarPct)
                    .setMaxPriceAgeMs(maxPriceAgeMs)
                    .setMaxDailyLoss(maxDailyLoss)
                    .setMaxDailyLossPct(maxDailyLossPct)
                    .setMaxDrawdownPct(maxDrawdownPct)
                    .setMaxRiskMultiplier(maxRiskMultiplier)
                    .setNewDayLiftsDailyLossHalt(newDayLiftsDailyLossHalt)
                    .setDisabledChecks(disabledChecks == null ? null : List.copyOf(disabledChecks))
                    .setSymbols(bySymbol)
                    .build();
        }
    }

    /** Per-symbol overrides. */
    public record SymbolValues(@Positive Double maxOrderQty, @Positive Double maxOrderNotional,
            @Positive Double maxSymbolExposure, @Positive Double priceCollarPct) {
    }
}
