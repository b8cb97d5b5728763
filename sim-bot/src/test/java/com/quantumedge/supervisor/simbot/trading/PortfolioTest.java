package com.quantumedge.supervisor.simbot.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    private static Fill fill(Side side, double qty, double price, double fee) {
        return new Fill("x", "o", "BTCUSDT", side, qty, price, fee);
    }

    @Test
    @DisplayName("adding to a position averages the entry price")
    void averagesEntries() {
        Portfolio p = new Portfolio(1000);
        p.apply(fill(Side.BUY, 1, 100, 0));
        p.apply(fill(Side.BUY, 3, 200, 0));
        assertThat(p.position("BTCUSDT").qty()).isEqualTo(4);
        assertThat(p.position("BTCUSDT").avgPrice()).isCloseTo(175, within(1e-9));
        assertThat(p.realizedPnl()).isZero();
    }

    @Test
    @DisplayName("a round trip realizes the price difference minus fees and leaves no position")
    void roundTripRealizes() {
        Portfolio p = new Portfolio(1000);
        p.apply(fill(Side.BUY, 2, 100, 0.5));
        p.apply(fill(Side.SELL, 2, 110, 0.5));
        assertThat(p.openPositions()).isEmpty();
        assertThat(p.realizedPnl()).isCloseTo(19, within(1e-9));
        assertThat(p.equity(Map.of())).isCloseTo(1019, within(1e-9));
    }

    @Test
    @DisplayName("a fill crossing zero realizes the closed part and opens the rest at the fill price")
    void crossingZero() {
        Portfolio p = new Portfolio(0);
        p.apply(fill(Side.SELL, 1, 100, 0));
        p.apply(fill(Side.BUY, 3, 90, 0));
        assertThat(p.realizedPnl()).isCloseTo(10, within(1e-9));
        assertThat(p.position("BTCUSDT")).isEqualTo(new Position("BTCUSDT", 2, 90));
    }

    @Test
    @DisplayName("equity is starting equity plus realized plus unrealized PnL at the mark")
    void equityMarksToMarket() {
        Portfolio p = new Portfolio(500);
        p.apply(fill(Side.BUY, 2, 100, 1));
        assertThat(p.equity(Map.of("BTCUSDT", 105.0))).isCloseTo(500 - 1 + 10, within(1e-9));
    }
}
