package com.quantumedge.supervisor.risk.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of position accounting over random fill sequences (fixed seeds, so failures reproduce). */
class PositionAccountingPropertyTest {

    static LongStream seeds() {
        return LongStream.range(1, 201);
    }

    private record Run(Position position, double sumSignedQty, double cashFlow, double lastPrice) {
    }

    private static Run randomFills(long seed) {
        Random random = new Random(seed);
        Position p = new Position();
        double sum = 0;
        double cash = 0;
        double price = 100;
        int fills = 1 + random.nextInt(200);
        for (int i = 0; i < fills; i++) {
            double qty = Math.round((random.nextDouble() * 5 + 0.001) * 1000) / 1000.0;
            double signed = random.nextBoolean() ? qty : -qty;
            price = Math.max(1, price * (1 + (random.nextDouble() - 0.5) * 0.1));
            PositionAccounting.applyFill(p, signed, price);
            sum += signed;
            cash -= signed * price;
        }
        return new Run(p, sum, cash, price);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("position quantity equals the sum of signed fill quantities")
    void quantityIsSumOfFills(long seed) {
        Run run = randomFills(seed);

        assertThat(run.position().qty()).isCloseTo(run.sumSignedQty(), within(1e-9));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("realized plus unrealized PnL at any price equals the fills' cash flow plus the position valued at that price")
    void pnlIsConsistentWithCashFlow(long seed) {
        Run run = randomFills(seed);
        double valuation = run.lastPrice() * 1.07;

        double pnl = run.position().realizedPnl() + PositionAccounting.unrealized(run.position(), valuation);
        double cashFlowView = run.cashFlow() + run.position().qty() * valuation;

        assertThat(pnl).isCloseTo(cashFlowView, within(1e-6 * Math.max(1, Math.abs(cashFlowView))));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("the average entry price of an open position lies within the range of fill prices")
    void averageWithinFillPrices(long seed) {
        Run run = randomFills(seed);

        if (run.position().qty() != 0) {
            assertThat(run.position().avgPrice()).isPositive();
        } else {
            assertThat(run.position().avgPrice()).isZero();
        }
    }
}
