package com.quantumedge.supervisor.schemas;

import java.util.regex.Pattern;

/**
 * The one grammar of an instrument symbol, as bots send it and as it keys positions, exposure and
 * per-symbol limits. A symbol is kept exactly as sent: no case folding, no rewriting between the
 * ccxt unified form and the exchange's own id, so a bot must spell one instrument one way in its
 * orders, fills, heartbeats and limits ({@code BTCUSDT} and {@code btcusdt} are two symbols).
 *
 * <pre>
 * symbol    = segment *( separator segment )      ; 1 to 64 characters in all
 * segment   = alnum *( alnum / "." alnum )        ; a dot only between letters or digits
 * separator = "/" / ":" / "-" / "_"               ; exactly one between two segments
 * alnum     = "A"-"Z" / "a"-"z" / "0"-"9"         ; ASCII only
 * </pre>
 *
 * It accepts the ccxt unified forms ({@code BTC/USDT}, {@code BTC/USDT:USDT},
 * {@code BTC/USDT:USDT-241227}, {@code BTC/USD:BTC-241227-100000-C}) and exchange-native ids (Binance
 * {@code BTCUSDT}, {@code 1000PEPEUSDT}, {@code BTCUSD_PERP}; OKX {@code BTC-USDT-SWAP}; Deribit
 * {@code BTC-PERPETUAL}, {@code BTC-27DEC24-100000-C}; Kraken Futures {@code PF_XBTUSD} and its
 * lowercase {@code pf_xbtusd}; Hyperliquid {@code kPEPE}). Lowercase is accepted because venues send it
 * (Kraken Futures, Hyperliquid, Bitfinex {@code tBTCUSD}). Whitespace, control characters, quotes,
 * non-ASCII letters, empty segments and leading or trailing separators are refused: a symbol is a
 * key, a log field and a ClickHouse value, never text to interpret.
 */
public final class Symbols {

    public static final int MAX_LENGTH = 64;

    /** The segments without the length bound: portable (ECMA-262) for the OpenAPI document, paired with maxLength there. */
    public static final String SEGMENTS_REGEX = "[A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*(?:[/:_-][A-Za-z0-9]+(?:\\.[A-Za-z0-9]+)*)*";

    /** The grammar as one regular expression, length bound included (for {@code @Pattern} constraints). */
    public static final String REGEX = "(?=.{1," + MAX_LENGTH + "}\\z)" + SEGMENTS_REGEX;

    public static final Pattern PATTERN = Pattern.compile(REGEX);

    /** The grammar in words, for error messages. */
    public static final String DESCRIPTION = "1 to " + MAX_LENGTH + " ASCII letters, digits and dots, in segments separated by"
            + " single '/', ':', '-' or '_' (e.g. BTCUSDT, BTC/USDT:USDT, BTC-USDT-SWAP, BTC-27DEC24-100000-C)";

    private Symbols() {
    }

    public static boolean isValid(String symbol) {
        // The length check first: the pattern never sees more than MAX_LENGTH characters.
        return symbol != null && !symbol.isEmpty() && symbol.length() <= MAX_LENGTH && PATTERN.matcher(symbol).matches();
    }
}
