package com.quantumedge.supervisor.schemas.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimit.Status;

class ResolvedLimitsTest {

    static {
        GeneratedClasses.trust();
    }

    private static RiskLimits.Builder record(String key, long version) {
        return RiskLimits.newBuilder().setEventId("e").setBotId(key).setTsMs(1).setVersion(version).setUpdatedBy("ops");
    }

    private static SymbolLimits.Builder symbol() {
        return SymbolLimits.newBuilder();
    }

    private static final RiskLimits DEFAULTS = record("*", 7)
            .setMaxOrderQty(100.0).setMaxOpenOrders(20)
            .setSymbols(Map.of("ETHUSDT", symbol().setMaxOrderQty(50.0).setPriceCollarPct(3.0).build()))
            .build();
    private static final RiskLimits BOT = record("bot-a", 4)
            .setMaxOpenOrders(5).setPriceCollarPct(4.0)
            .setSymbols(Map.of("ETHUSDT", symbol().setMaxOrderQty(2.0).build()))
            .build();

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("bot symbol override beats everything", DEFAULTS, BOT, "ETHUSDT", Limit.MAX_ORDER_QTY, 2.0, LimitSource.BOT_SYMBOL, 4L),
                Arguments.of("without a bot override, the defaults' symbol override", DEFAULTS, null, "ETHUSDT", Limit.MAX_ORDER_QTY, 50.0, LimitSource.DEFAULT_SYMBOL, 7L),
                Arguments.of("the bot's value beats the defaults' symbol override", DEFAULTS, BOT, "ETHUSDT", Limit.PRICE_COLLAR_PCT, 4.0, LimitSource.BOT, 4L),
                Arguments.of("another symbol gets the default", DEFAULTS, BOT, "BTCUSDT", Limit.MAX_ORDER_QTY, 100.0, LimitSource.DEFAULT, 7L),
                Arguments.of("no symbol: no symbol overrides", DEFAULTS, BOT, null, Limit.MAX_ORDER_QTY, 100.0, LimitSource.DEFAULT, 7L),
                Arguments.of("bot value beats default", DEFAULTS, BOT, null, Limit.MAX_OPEN_ORDERS, 5, LimitSource.BOT, 4L),
                Arguments.of("default beats built-in", DEFAULTS, null, null, Limit.MAX_OPEN_ORDERS, 20, LimitSource.DEFAULT, 7L),
                Arguments.of("nothing published: built-in, version 0", null, null, "ETHUSDT", Limit.MAX_OPEN_ORDERS, 50, LimitSource.BUILTIN, 0L),
                Arguments.of("nothing published: built-in notional share", null, null, null, Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY, 25.0, LimitSource.BUILTIN, 0L),
                Arguments.of("unset in every record: built-in drawdown", DEFAULTS, BOT, null, Limit.MAX_DRAWDOWN_PCT, 15.0, LimitSource.BUILTIN, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    @DisplayName("a limit comes from the most specific layer that sets it, with that record's version")
    void mostSpecificLayerWins(String title, RiskLimits defaults, RiskLimits bot, String symbol, Limit limit,
            Object value, LimitSource source, long version) {
        ResolvedLimit r = ResolvedLimits.resolve(defaults, bot, symbol).get(limit);

        assertThat(r.value()).isEqualTo(value);
        assertThat(r.source()).isEqualTo(source);
        assertThat(r.version()).isEqualTo(version);
        assertThat(r.status()).isEqualTo(Status.IN_FORCE);
    }

    static Stream<Arguments> builtins() {
        return Stream.of(
                Arguments.of(Limit.MAX_ORDER_QTY, 1_000_000.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_ORDER_NOTIONAL, null, Status.UNSET),
                Arguments.of(Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY, 25.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_LEVERAGE, 5.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_SYMBOL_EXPOSURE, null, Status.UNSET),
                Arguments.of(Limit.MAX_SYMBOL_EXPOSURE_X_EQUITY, 2.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_GROSS_EXPOSURE, null, Status.UNSET),
                Arguments.of(Limit.MAX_GROSS_EXPOSURE_X_EQUITY, 3.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_OPEN_ORDERS, 50, Status.IN_FORCE),
                Arguments.of(Limit.MAX_SUBMITS_PER_WINDOW, 100, Status.IN_FORCE),
                Arguments.of(Limit.SUBMIT_WINDOW_MS, 1000L, Status.IN_FORCE),
                Arguments.of(Limit.PRICE_COLLAR_PCT, 10.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_PRICE_AGE_MS, 60_000L, Status.IN_FORCE),
                Arguments.of(Limit.MAX_DAILY_LOSS, null, Status.UNSET),
                Arguments.of(Limit.MAX_DAILY_LOSS_PCT, 5.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_DRAWDOWN_PCT, 15.0, Status.IN_FORCE),
                Arguments.of(Limit.MAX_RISK_MULTIPLIER, 1.0, Status.IN_FORCE),
                Arguments.of(Limit.NEW_DAY_LIFTS_DAILY_LOSS_HALT, false, Status.IN_FORCE));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("builtins")
    @DisplayName("with nothing published every check has a built-in limit in force")
    void builtinDefaults(Limit limit, Object value, Status status) {
        ResolvedLimit r = ResolvedLimits.resolve(null, null, "ETHUSDT").get(limit);

        assertThat(r.value()).isEqualTo(value);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.source()).isEqualTo(LimitSource.BUILTIN);
    }

    @Test
    @DisplayName("the built-in table covers every limit, and every check that can be switched off has a limit in force")
    void everyCheckIsOnByDefault() {
        ResolvedLimits resolved = ResolvedLimits.resolve(null, null, null);

        assertThat(builtins().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) Limit.values());
        assertThat(resolved.disabledChecks().checks()).isEmpty();
        for (LimitCheck check : LimitCheck.values()) {
            if (check == LimitCheck.EQUITY_UNKNOWN) {
                continue;
            }
            assertThat(resolved.all().values()).as(check.name())
                    .anyMatch(r -> r.limit().check().orElse(null) == check && r.status() == Status.IN_FORCE);
        }
    }

    static Stream<Arguments> absolutes() {
        return Stream.of(
                Arguments.of("bot", null, record("bot-a", 2).setMaxOrderNotional(10_000.0).build(), Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY),
                Arguments.of("defaults", record("*", 1).setMaxGrossExposure(1e6).build(), null, Limit.MAX_GROSS_EXPOSURE_X_EQUITY),
                Arguments.of("defaults symbol", record("*", 1).setSymbols(Map.of("ETHUSDT", symbol().setMaxSymbolExposure(5e4).build())).build(),
                        null, Limit.MAX_SYMBOL_EXPOSURE_X_EQUITY),
                Arguments.of("bot symbol", null, record("bot-a", 1).setSymbols(Map.of("ETHUSDT", symbol().setMaxOrderNotional(500.0).build())).build(),
                        Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY),
                Arguments.of("bot daily loss", null, record("bot-a", 1).setMaxDailyLoss(300.0).build(), Limit.MAX_DAILY_LOSS_PCT));
    }

    @ParameterizedTest(name = "absolute set on the {0} layer")
    @MethodSource("absolutes")
    @DisplayName("an absolute limit set on any layer replaces its equity-relative one")
    void absoluteReplacesRelative(String layer, RiskLimits defaults, RiskLimits bot, Limit relative) {
        ResolvedLimits resolved = ResolvedLimits.resolve(defaults, bot, "ETHUSDT");

        assertThat(resolved.get(relative).status()).isEqualTo(Status.REPLACED);
        assertThat(resolved.get(relative).number()).isNaN();
        assertThat(resolved.get(relative.absolute().orElseThrow()).status()).isEqualTo(Status.IN_FORCE);
    }

    @Test
    @DisplayName("an absolute limit of another symbol does not replace the relative one of this symbol")
    void absoluteOfAnotherSymbol() {
        RiskLimits bot = record("bot-a", 1).setSymbols(Map.of("ETHUSDT", symbol().setMaxOrderNotional(500.0).build())).build();

        assertThat(ResolvedLimits.resolve(null, bot, "BTCUSDT").get(Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY).status())
                .isEqualTo(Status.IN_FORCE);
    }

    @Test
    @DisplayName("a check listed in disabled_checks is off, with every limit of it, reported with its list's source")
    void disabledCheckIsOff() {
        RiskLimits defaults = record("*", 3).setDisabledChecks(List.of("NOTIONAL_EXCEEDS_MAX")).build();

        ResolvedLimits resolved = ResolvedLimits.resolve(defaults, null, "ETHUSDT");

        assertThat(resolved.isOff(LimitCheck.NOTIONAL_EXCEEDS_MAX)).isTrue();
        assertThat(resolved.get(Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY).status()).isEqualTo(Status.OFF);
        assertThat(resolved.get(Limit.MAX_ORDER_NOTIONAL).status()).isEqualTo(Status.OFF);
        assertThat(resolved.get(Limit.MAX_ORDER_QTY).status()).isEqualTo(Status.IN_FORCE);
        assertThat(resolved.disabledChecks().source()).isEqualTo(LimitSource.DEFAULT);
        assertThat(resolved.disabledChecks().version()).isEqualTo(3);
    }

    @Test
    @DisplayName("a bot's own disabled_checks replaces the defaults' list; an empty list switches every check back on")
    void botListReplacesDefaults() {
        RiskLimits defaults = record("*", 3).setDisabledChecks(List.of("DRAWDOWN_LIMIT")).build();

        assertThat(ResolvedLimits.resolve(defaults, record("bot-a", 1).setDisabledChecks(List.of()).build(), null)
                .disabledChecks().checks()).isEmpty();
        assertThat(ResolvedLimits.resolve(defaults, record("bot-a", 1).build(), null).disabledChecks().checks())
                .containsExactly(LimitCheck.DRAWDOWN_LIMIT);
        assertThat(ResolvedLimits.resolve(defaults, record("bot-a", 1).setDisabledChecks(List.of("QTY_EXCEEDS_MAX")).build(), null)
                .disabledChecks().checks()).containsExactly(LimitCheck.QTY_EXCEEDS_MAX);
    }

    @Test
    @DisplayName("a name in disabled_checks that is no check switches nothing off")
    void unknownNameSwitchesNothingOff() {
        RiskLimits bot = record("bot-a", 1).setDisabledChecks(List.of("TRADING_HALTED", "nonsense")).build();

        ResolvedLimits resolved = ResolvedLimits.resolve(null, bot, null);

        assertThat(resolved.disabledChecks().checks()).isEmpty();
        assertThat(resolved.disabledChecks().names()).containsExactly("TRADING_HALTED", "nonsense");
    }
}
