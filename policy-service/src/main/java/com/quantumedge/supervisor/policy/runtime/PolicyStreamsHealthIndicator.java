package com.quantumedge.supervisor.policy.runtime;

import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.runtime.streams.StreamsReadiness;

/** Ready only while the policy streams are RUNNING; down while they start, rebalance, restart, or after they failed or stopped. */
@Component("policyStreams")
public class PolicyStreamsHealthIndicator extends StreamsReadiness {

    public PolicyStreamsHealthIndicator(PolicyStreamsRunner runner) {
        super(runner.streams());
    }
}
