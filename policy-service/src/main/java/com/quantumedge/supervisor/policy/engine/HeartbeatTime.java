package com.quantumedge.supervisor.policy.engine;

import com.quantumedge.supervisor.avro.Heartbeat;

/**
 * The event time of a heartbeat on the policy's clock. The gateway's receive time is preferred:
 * it is stamped by the same kind of clock as the ticks, so a bot host whose clock is off cannot
 * make itself look fresh or stale. The bot's own ts_ms is used when no receive time was recorded.
 */
final class HeartbeatTime {

    private HeartbeatTime() {
    }

    static long of(Heartbeat heartbeat) {
        return heartbeat.getReceivedTsMs() > 0 ? heartbeat.getReceivedTsMs() : heartbeat.getTsMs();
    }
}
