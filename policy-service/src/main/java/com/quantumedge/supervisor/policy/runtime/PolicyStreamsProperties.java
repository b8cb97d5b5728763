package com.quantumedge.supervisor.policy.runtime;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the policy topology runs (not what it decides): Kafka Streams settings. Bootstrap servers
 * come from {@code spring.kafka.bootstrap-servers}.
 *
 * @param applicationId       Streams application id: consumer group and prefix of internal topics
 * @param stateDir            Streams state directory (the store is in memory; this holds checkpoints and locks)
 * @param processingGuarantee at_least_once (outputs are idempotent by id) or exactly_once_v2
 * @param commitInterval      how often progress is committed
 * @param threads             stream threads
 * @param closeTimeout        how long shutdown waits for the threads to finish and commit
 * @param extra               any other Streams/client property, passed through verbatim
 */
@Validated
@ConfigurationProperties("supervisor.policy.streams")
public record PolicyStreamsProperties(
        @DefaultValue("qe-policy-service") @NotBlank String applicationId,
        @DefaultValue("${java.io.tmpdir}/qe-policy-service") @NotBlank String stateDir,
        @DefaultValue("at_least_once") @Pattern(regexp = "at_least_once|exactly_once_v2") String processingGuarantee,
        @DefaultValue("200ms") @NotNull Duration commitInterval,
        @DefaultValue("1") @Min(1) int threads,
        @DefaultValue("10s") @NotNull Duration closeTimeout,
        @DefaultValue({}) Map<String, String> extra) {
}
