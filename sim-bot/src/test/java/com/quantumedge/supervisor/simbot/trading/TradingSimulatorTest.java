package com.quantumedge.supervisor.simbot.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.simbot.market.RandomWalkPrice;

class TradingSimulatorTest {

    private static TradingSimulator simulator() {
        return new TradingSimulator("BTCUSDT", new RandomWalkPrice(50_000, 0.001, 3), 4, 0.001, 0.003, 0.0004, 3,
                10_000, "t");
    }

    @Test
    @DisplayName("the position equals the signed sum of the bot's own fills, and is bounded")
    void positionIsSumOfFills() {
        TradingSimulator sim = simulator();
        double signedSum = 0;
        for (int i = 0; i < 2_000; i++) {
            sim.tick();
            Fill fill = sim.fill(sim.nextOrder());
            signedSum += fill.side().sign() * fill.qty();
            assertThat(Math.abs(sim.portfolio().position("BTCUSDT").qty())).isLessThanOrEqualTo(0.003 + 1e-9);
        }
        assertThat(sim.portfolio().position("BTCUSDT").qty()).isCloseTo(signedSum, within(1e-9));
    }

    @Test
    @DisplayName("realized PnL equals cash flow of the fills once the position is flat")
    void realizedPnlMatchesCashFlow() {
        TradingSimulator sim = simulator();
        List<Fill> fills = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sim.tick();
            fills.add(sim.fill(sim.nextOrder()));
        }
        while (sim.portfolio().position("BTCUSDT").qty() != 0) {
            double held = sim.portfolio().position("BTCUSDT").qty();
            Side side = held > 0 ? Side.SELL : Side.BUY;
            double qty = Math.min(Math.abs(held), 0.001);
            fills.add(sim.fill(new OrderIntent("close", "BTCUSDT", side, "MARKET", qty, sim.mark(), 1, true)));
        }
        double cash = 0;
        for (Fill f : fills) {
            cash += -f.side().sign() * f.qty() * f.price() - f.fee();
        }
        assertThat(sim.portfolio().realizedPnl()).isCloseTo(cash, within(1e-6));
    }

    @Test
    @DisplayName("every order and execution gets its own id")
    void uniqueIds() {
        TradingSimulator sim = simulator();
        var orderIds = new HashSet<String>();
        var execIds = new HashSet<String>();
        for (int i = 0; i < 100; i++) {
            OrderIntent order = sim.nextOrder();
            orderIds.add(order.clientOrderId());
            execIds.add(sim.fill(order).execId());
        }
        assertThat(orderIds).hasSize(100);
        assertThat(execIds).hasSize(100);
    }
}
