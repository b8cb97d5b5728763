package com.quantumedge.supervisor.gateway.config;

/** This gateway replica's id, written as {@code reply_to} on its order requests. */
public record InstanceId(String value) {
}
