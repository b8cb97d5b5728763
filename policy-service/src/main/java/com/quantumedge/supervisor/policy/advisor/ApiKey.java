package com.quantumedge.supervisor.policy.advisor;

import java.util.Optional;

/**
 * The endpoint's API key, read from an environment variable so it is never in configuration files
 * or the repository. {@link #toString()} never shows it, so it cannot reach a log by accident.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** The key in environment variable {@code name}; none when unset or blank (e.g. a local model server). */
    public static ApiKey fromEnvironment(String name) {
        return of(System.getenv(name));
    }

    public static ApiKey of(String value) {
        return new ApiKey(value == null || value.isBlank() ? null : value.strip());
    }

    public static ApiKey none() {
        return new ApiKey(null);
    }

    Optional<String> bearerHeader() {
        return Optional.ofNullable(value).map(v -> "Bearer " + v);
    }

    public boolean isPresent() {
        return value != null;
    }

    @Override
    public String toString() {
        return value == null ? "ApiKey[none]" : "ApiKey[****]";
    }
}
