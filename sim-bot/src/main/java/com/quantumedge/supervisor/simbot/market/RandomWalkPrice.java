package com.quantumedge.supervisor.simbot.market;

import java.util.Random;

/**
 * A mark price that moves by a small random percentage each step (a geometric random walk), so it
 * never reaches zero. Seeded, so a run can be reproduced.
 */
public final class RandomWalkPrice {

    private final Random random;
    private final double stepVolatility;
    private double price;

    /**
     * @param start          first price, positive
     * @param stepVolatility standard deviation of one step's relative change, e.g. 0.001 for 0.1 %
     */
    public RandomWalkPrice(double start, double stepVolatility, long seed) {
        if (!(start > 0)) {
            throw new IllegalArgumentException("start price must be positive: " + start);
        }
        if (stepVolatility < 0 || stepVolatility >= 0.5) {
            throw new IllegalArgumentException("step volatility must be in [0, 0.5): " + stepVolatility);
        }
        this.random = new Random(seed);
        this.stepVolatility = stepVolatility;
        this.price = start;
    }

    public double current() {
        return price;
    }

    /** Moves the price one step and returns the new price. */
    public double next() {
        price = price * Math.exp(stepVolatility * random.nextGaussian());
        return price;
    }
}
