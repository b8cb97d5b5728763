package com.quantumedge.supervisor.simbot.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.DoubleStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RandomWalkPriceTest {

    @Test
    @DisplayName("the same seed produces the same path")
    void sameSeedSamePath() {
        RandomWalkPrice a = new RandomWalkPrice(100, 0.01, 42);
        RandomWalkPrice b = new RandomWalkPrice(100, 0.01, 42);
        double[] pathA = DoubleStream.generate(a::next).limit(100).toArray();
        double[] pathB = DoubleStream.generate(b::next).limit(100).toArray();
        assertThat(pathA).containsExactly(pathB);
    }

    @Test
    @DisplayName("the price moves but stays positive over a long, volatile walk")
    void staysPositive() {
        RandomWalkPrice price = new RandomWalkPrice(100, 0.2, 7);
        double[] path = DoubleStream.generate(price::next).limit(10_000).toArray();
        assertThat(DoubleStream.of(path).min().orElseThrow()).isPositive();
        assertThat(DoubleStream.of(path).distinct().count()).isGreaterThan(9_000);
    }

    @Test
    @DisplayName("a non-positive start price is refused")
    void refusesNonPositiveStart() {
        assertThatThrownBy(() -> new RandomWalkPrice(0, 0.01, 1)).hasMessageContaining("positive");
    }
}
