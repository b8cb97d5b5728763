package com.quantumedge.supervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC", "BTC/USDT:USDT-241227", "BTC/USD:BTC-241227-100000-C",
            "ETH/USDC:USDC-240628-3500.5-P",
            "BTCUSDT", "1000PEPEUSDT", "BTCUSD_PERP", "BTCUSDT_241227",
            "BTC-USDT-SWAP", "BTC-USD-241227-100000-C",
            "BTC-PERPETUAL", "BTC-27DEC24-100000-C", "XRP_USDC-30AUG24-0d625-C",
            "PF_XBTUSD", "pf_xbtusd", "kPEPE", "tBTCUSD", "btcusdt", "S", "USDT"})
    @DisplayName("ccxt unified symbols and exchange-native ids are valid")
    void realSymbolsAreValid(String symbol) {
        assertThat(Symbols.isValid(symbol)).isTrue();
        assertThat(Symbols.PATTERN.matcher(symbol).matches()).as("the regex says the same").isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", " ", "BTC USDT", " BTCUSDT", "BTCUSDT ", "BTC\tUSDT", "BTCUSDT\n", "BTC\u0000USDT", "BTC\u007fUSDT",
            "BTC//USDT", "/BTC", "BTC/", "BTC-", "_BTC", "BTC/:USDT", ".BTC", "BTC.", "BTC..USDT", "BTC/.USDT",
            "BTC';DROP", "BTC\"USDT", "<script>", "../../etc/passwd", "BTC%2FUSDT", "BTC\\USDT", "${jndi:x}", "BTC,ETH",
            "ВТСUSDT", "BTCUSDT\u200b", "ＢＴＣ"})
    @DisplayName("whitespace, control characters, empty segments, punctuation and non-ASCII are invalid")
    void badSymbolsAreInvalid(String symbol) {
        assertThat(Symbols.isValid(symbol)).isFalse();
        assertThat(Symbols.PATTERN.matcher(symbol).matches()).as("the regex says the same").isFalse();
    }

    @Test
    @DisplayName("a symbol is at most 64 characters")
    void lengthIsBounded() {
        String longest = "A".repeat(Symbols.MAX_LENGTH);
        assertThat(Symbols.isValid(longest)).isTrue();
        assertThat(Symbols.isValid(longest + "B")).isFalse();
        assertThat(Symbols.PATTERN.matcher(longest + "B").matches()).isFalse();
        assertThat(Symbols.isValid("BTC/USDT:USDT-" + "1".repeat(51))).isFalse();
        assertThat(Symbols.isValid(null)).isFalse();
    }
}
