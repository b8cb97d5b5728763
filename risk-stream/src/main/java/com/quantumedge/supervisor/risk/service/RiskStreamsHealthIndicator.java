package com.quantumedge.supervisor.risk.service;

import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.runtime.streams.StreamsReadiness;

/**
 * Ready only while the risk streams are RUNNING: while they start, rebalance, restart or after they
 * failed, an order check would not be decided, so readiness (and {@code ./supervisor up}'s READY) waits.
 */
@Component("riskStreams")
public class RiskStreamsHealthIndicator extends StreamsReadiness {

    public RiskStreamsHealthIndicator(RiskStreamsRunner runner) {
        super(runner.streams());
    }
}
