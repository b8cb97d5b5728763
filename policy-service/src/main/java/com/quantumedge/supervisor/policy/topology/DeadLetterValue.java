package com.quantumedge.supervisor.policy.topology;

/** The original bytes of an input record that could not be decoded, on their way to the DLQ. */
record DeadLetterValue(byte[] bytes) {
}
