package com.quantumedge.supervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumericBoundsTest {

    @Test
    @DisplayName("a closed range holds both ends and nothing beyond them")
    void closedRange() {
        assertThat(NumericBounds.MONEY.contains(-1e15)).isTrue();
        assertThat(NumericBounds.MONEY.contains(1e15)).isTrue();
        assertThat(NumericBounds.MONEY.contains(1e15 * 1.0000001)).isFalse();
        assertThat(NumericBounds.MONEY.contains(-1e308)).isFalse();
        assertThat(NumericBounds.MONEY.contains(Double.NaN)).isFalse();
    }

    @Test
    @DisplayName("a range above zero excludes zero")
    void aboveZero() {
        assertThat(NumericBounds.POSITIVE_QUANTITY.contains(0)).isFalse();
        assertThat(NumericBounds.POSITIVE_QUANTITY.contains(1e-9)).isTrue();
        assertThat(NumericBounds.LEVERAGE.contains(125)).isTrue();
        assertThat(NumericBounds.LEVERAGE.contains(125.5)).isFalse();
    }

    @Test
    @DisplayName("a range describes itself in plain numbers for error messages")
    void description() {
        assertThat(NumericBounds.LEVERAGE.describe()).isEqualTo("greater than 0 and at most 125");
        assertThat(NumericBounds.MONEY.describe()).isEqualTo("between -1E+15 and 1E+15");
        assertThat(NumericBounds.PRICE.describe()).isEqualTo("between 1E-12 and 1E+12");
    }

    @Test
    @DisplayName("event times span 2000 to 2100, so seconds or microseconds are out of range")
    void epochMillis() {
        assertThat(NumericBounds.EPOCH_MS.contains(1_733_390_000_000L)).isTrue();
        assertThat(NumericBounds.EPOCH_MS.contains(1_733_390_000L)).as("seconds").isFalse();
        assertThat(NumericBounds.EPOCH_MS.contains(1_733_390_000_000_000L)).as("microseconds").isFalse();
    }
}
