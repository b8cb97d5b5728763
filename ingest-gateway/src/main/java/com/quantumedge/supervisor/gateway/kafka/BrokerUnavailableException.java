package com.quantumedge.supervisor.gateway.kafka;

/** The broker did not take a record within the producer's bounded timeouts, or is known to be down. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
