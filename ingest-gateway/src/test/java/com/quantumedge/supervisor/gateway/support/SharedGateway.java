package com.quantumedge.supervisor.gateway.support;

import java.util.List;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/**
 * One gateway per test JVM on the shared broker, with a few bot identities so test classes can
 * isolate their records by bot id. Stopped when the JVM exits.
 */
public final class SharedGateway {

    public static final String BOT = SharedKafkaBroker.uniqueName("bot");
    public static final String OTHER_BOT = SharedKafkaBroker.uniqueName("bot");
    public static final String BAD_INPUT_BOT = SharedKafkaBroker.uniqueName("bot");
    public static final String ORDER_BOT = SharedKafkaBroker.uniqueName("bot");
    public static final String SILENT_BOT = SharedKafkaBroker.uniqueName("bot");
    /** Real exchange payloads that must be accepted (web.BotInputContractTest). */
    public static final String EXCHANGE_BOT = SharedKafkaBroker.uniqueName("bot");
    /** Out-of-contract payloads that must never reach a topic (web.BotInputContractTest). */
    public static final String REFUSED_BOT = SharedKafkaBroker.uniqueName("bot");
    public static final String CONTRACT_BOT = SharedKafkaBroker.uniqueName("bot");

    private static volatile RunningGateway gateway;

    private SharedGateway() {
    }

    public static synchronized RunningGateway get() {
        if (gateway == null) {
            gateway = RunningGateway.start(SharedKafkaBroker.bootstrapServers(),
                    List.of(BOT, OTHER_BOT, BAD_INPUT_BOT, ORDER_BOT, SILENT_BOT, EXCHANGE_BOT, REFUSED_BOT, CONTRACT_BOT),
                    "--supervisor.gateway.order-check.timeout=1500ms",
                    "--supervisor.gateway.limits.max-body-bytes=8192");
            RunningGateway started = gateway;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-gateway-shutdown"));
        }
        return gateway;
    }
}
