package com.quantumedge.supervisor.risk.topology;

/** A record the risk processor sends to the dead-letter topic: the original bytes, headers on the Record. */
record DeadLetterValue(byte[] value) {
}
