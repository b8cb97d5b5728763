package com.quantumedge.supervisor.policy.advisor;

import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/** Where the advisor's records go: Kafka in the service, nowhere in mode off, a list in tests. */
public interface AdvisorOutput extends AutoCloseable {

    AdvisorOutput NONE = new AdvisorOutput() {
        @Override
        public void publish(SupervisorEvent event) {
        }

        @Override
        public void publish(OperatorCommand command) {
        }
    };

    /** Must not block for long: it runs on the HTTP client's completion threads. */
    void publish(SupervisorEvent event);

    void publish(OperatorCommand command);

    @Override
    default void close() {
    }
}
