package com.quantumedge.supervisor.simbot.trading;

/** One execution of the simulated exchange: the whole order filled at {@code price}. */
public record Fill(String execId, String clientOrderId, String symbol, Side side, double qty, double price, double fee) {
}
