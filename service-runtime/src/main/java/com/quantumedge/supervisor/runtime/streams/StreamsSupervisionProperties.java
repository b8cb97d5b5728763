package com.quantumedge.supervisor.runtime.streams;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.quantumedge.supervisor.runtime.RestartBackoff;

/**
 * How the Kafka Streams runtime reacts to a stream thread dying of an uncaught exception (prefix
 * {@code supervisor.streams}). Up to {@code maxThreadReplacements} failures within
 * {@code replacementWindow} each replace the thread (its tasks are reassigned, the client keeps
 * running); the next one shuts the client down and a new client is started after a backoff that
 * starts at {@code restartBackoffInitial} and doubles up to {@code restartBackoffMax}, back to the
 * initial value once a client has lived a whole {@code replacementWindow}. A failure that repeats on
 * every attempt (a record the topology cannot process) thus costs a few replacements, then restarts
 * ever further apart, and readiness stays DOWN meanwhile.
 *
 * @param maxThreadReplacements thread replacements allowed within the window before the client restarts
 * @param replacementWindow     the window over which thread failures are counted
 * @param restartBackoffInitial delay before the first restart of the client
 * @param restartBackoffMax     longest delay between restarts
 */
@ConfigurationProperties("supervisor.streams")
public record StreamsSupervisionProperties(
        @DefaultValue("3") int maxThreadReplacements,
        @DefaultValue("1m") Duration replacementWindow,
        @DefaultValue("1s") Duration restartBackoffInitial,
        @DefaultValue("1m") Duration restartBackoffMax) {

    public StreamsSupervisionProperties {
        if (maxThreadReplacements < 0) {
            throw new IllegalArgumentException("supervisor.streams.max-thread-replacements must be at least 0");
        }
        for (Duration d : new Duration[] {replacementWindow, restartBackoffInitial, restartBackoffMax}) {
            if (Objects.requireNonNull(d, "supervisor.streams durations must be set").isNegative() || d.isZero()) {
                throw new IllegalArgumentException("supervisor.streams durations must be positive");
            }
        }
    }

    public RestartBackoff restartBackoff() {
        return new RestartBackoff(restartBackoffInitial, restartBackoffMax);
    }

    public static StreamsSupervisionProperties defaults() {
        return new StreamsSupervisionProperties(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
