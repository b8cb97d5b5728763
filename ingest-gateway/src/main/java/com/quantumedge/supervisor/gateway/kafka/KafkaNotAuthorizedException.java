package com.quantumedge.supervisor.gateway.kafka;

/**
 * The cluster refused this gateway's principal a write (an ACL is missing): a deployment error, not
 * an outage, so it is answered at once and never retried. Carries the topic and the principal for
 * the operator who has to grant it.
 */
public class KafkaNotAuthorizedException extends RuntimeException {

    private final String topic;
    private final String principal;

    public KafkaNotAuthorizedException(String topic, String principal, Throwable cause) {
        super(principal + " may not write " + topic + ": " + cause.getMessage(), cause, false, false);
        this.topic = topic;
        this.principal = principal;
    }

    public String topic() {
        return topic;
    }

    public String principal() {
        return principal;
    }
}
