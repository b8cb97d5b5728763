package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.fill;
import static com.quantumedge.supervisor.risk.Inputs.heartbeat;
import static com.quantumedge.supervisor.risk.Inputs.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;

/**
 * Heartbeats as the gateway writes them from exchange position lists: flat symbols with quantity 0 and
 * no average price (and sometimes no mark price), next to open ones.
 */
class FlatPositionsTopologyTest {

    private static final String BOT = "bot-flat";

    /** Binance positionRisk after the gateway: five flat symbols (no entry price, some without mark), BTC short 0.25. */
    private static PositionReport[] binanceReport() {
        return new PositionReport[] {
            new PositionReport("ETHUSDT", 0.0, null, 3871.46),
            new PositionReport("1000PEPEUSDT", 0.0, null, 0.0221893),
            new PositionReport("SOLUSDT", 0.0, null, 236.79),
            new PositionReport("XRPUSDT", 0.0, null, null),
            new PositionReport("SRMUSDT", 0.0, null, null),
            new PositionReport("BTCUSDT", -0.25, 97_000.0, 96_500.0)};
    }

    @Test
    @DisplayName("flat positions without prices match flat books: no mismatch, no dead letter, only the open position has exposure")
    void flatPositionsMatchFlatBook() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(fill(BOT, T0, "BTCUSDT", Side.SELL, 0.25, 97_000));
            driver.pipe(heartbeat(BOT, T0 + 1, 25_000.0, binanceReport()));

            assertThat(driver.events(EventType.POSITION_MISMATCH)).isEmpty();
            assertThat(driver.deadLetters()).isEmpty();
            RiskState state = driver.latestState(BOT);
            assertThat(state.getGrossExposure()).isEqualTo(0.25 * 96_500.0);
            assertThat(state.getPositions()).filteredOn(p -> p.getQty() != 0).singleElement()
                    .satisfies(p -> assertThat(p.getSymbol()).isEqualTo("BTCUSDT"));
            assertThat(state.getPositions()).extracting(PositionState::getSymbol).doesNotContain("XRPUSDT", "SRMUSDT");
            assertThat(state.getPositions()).allSatisfy(p -> {
                assertThat(p.getAvgPrice()).isNotNaN();
                assertThat(p.getExposure()).isNotNaN();
            });
        }
    }

    @Test
    @DisplayName("a flat symbol's mark price still values a later market order in it")
    void flatMarkValuesMarketOrder() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(heartbeat(BOT, T0, 25_000.0, binanceReport()));

            assertThat(driver.check(order(BOT, T0 + 1, "ETHUSDT", Side.BUY, 2, null).build()).getNotional()).isEqualTo(2 * 3871.46);
            assertThat(driver.check(order(BOT, T0 + 2, "XRPUSDT", Side.BUY, 2, null).build()).getCode())
                    .as("a flat symbol without a mark has no price").isEqualTo(DecisionCode.MARKET_PRICE_UNAVAILABLE);
        }
    }

    @Test
    @DisplayName("trusting heartbeats, a flat report without prices closes a position the fills hold open, leaving no NaN")
    void trustedFlatReportClosesPosition() {
        BookSettings trustBot = new BookSettings(Duration.ofMinutes(10), MismatchPolicy.TRUST_HEARTBEAT, 1e-9,
                BookSettings.DEFAULTS.tradingDayZone());
        try (RiskDriver driver = new RiskDriver(trustBot)) {
            driver.pipe(fill(BOT, T0, "ETHUSDT", Side.BUY, 2, 3_500));
            driver.pipe(heartbeat(BOT, T0 + 1, 25_000.0, new PositionReport("ETHUSDT", 0.0, null, null)));

            assertThat(driver.events(EventType.POSITION_MISMATCH)).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("reported_qty", "0.0"));
            PositionState eth = driver.latestState(BOT).getPositions().stream()
                    .filter(p -> p.getSymbol().equals("ETHUSDT")).findFirst().orElseThrow();
            assertThat(eth.getQty()).isZero();
            assertThat(eth.getAvgPrice()).isZero();
            assertThat(eth.getExposure()).isZero();
        }
    }
}
