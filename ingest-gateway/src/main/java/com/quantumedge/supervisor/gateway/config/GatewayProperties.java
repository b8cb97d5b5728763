package com.quantumedge.supervisor.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.quantumedge.supervisor.gateway.web.JsonBody;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Every gateway setting, prefix {@code supervisor.gateway}; defaults are documented in the module README. */
@Validated
@ConfigurationProperties("supervisor.gateway")
public record GatewayProperties(
        @DefaultValue("") String instanceId,
        @Valid @DefaultValue Security security,
        @Valid @DefaultValue OrderCheck orderCheck,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Producer producer,
        @Valid @DefaultValue Views views,
        @Valid @DefaultValue Http http,
        @DefaultValue List<String> corsAllowedOrigins) {

    public record Security(
            @DefaultValue("false") boolean devMode,
            @Pattern(regexp = JsonBody.BOT_ID_REGEX) @DefaultValue("qe-bot-1") String devBotId,
            @DefaultValue("") String botToken,
            @DefaultValue("") String botId,
            @DefaultValue("") String operatorToken,
            @DefaultValue("") String viewerToken,
            Path secretsFile,
            @Valid @DefaultValue List<TokenSpec> tokens) {
    }

    /**
     * One configured token. {@code botId} is required for role bot; {@code requestsPerSecond} overrides
     * the default per-token rate limit.
     */
    public record TokenSpec(@NotBlank String name, @NotNull Role role, @NotBlank String token, String botId,
            Integer requestsPerSecond) {
    }

    public enum Role { BOT, OPERATOR, VIEWER }

    /**
     * {@code timeout}: fail-closed deadline of an order check. A failed decision consumer is replaced
     * after {@code listenerRestartBackoff}, doubling up to {@code listenerRestartBackoffMax}.
     */
    public record OrderCheck(
            @NotNull @DefaultValue("250ms") Duration timeout,
            @NotNull @DefaultValue("500ms") Duration listenerRestartBackoff,
            @NotNull @DefaultValue("30s") Duration listenerRestartBackoffMax) {
    }

    public record Limits(
            @Min(256) @DefaultValue("65536") int maxBodyBytes,
            @Min(1) @DefaultValue("200") int requestsPerSecond) {
    }

    /**
     * {@code maxBlock} bounds how long a record may wait for topic metadata or buffer space before it is
     * queued (the event loop never waits: the producer's own {@code max.block.ms} is 0), {@code
     * deliveryTimeout} how long a queued record may wait for the broker; their sum bounds the answer
     * (1.9 s by default, within the bot's 2 s).
     */
    public record Producer(
            @NotNull @DefaultValue("400ms") Duration maxBlock,
            @NotNull @DefaultValue("1500ms") Duration deliveryTimeout,
            @Min(0) @DefaultValue("0") int lingerMs,
            @Min(0) @DefaultValue("0") int ingestLingerMs,
            @Pattern(regexp = "none|gzip|snappy|lz4|zstd") @DefaultValue("none") String compression,
            @NotNull @DefaultValue("1s") Duration brokerCheckInterval,
            @Min(1) @DefaultValue("5") int retryAfterSeconds) {
    }

    /**
     * {@code ioThreads} 0 means one Netty event loop per available core. {@code botLane} serves the bot's
     * POST routes in front of WebFlux dispatch and the Security chain (same rules, see BotLane).
     */
    public record Http(@Min(0) @Max(64) @DefaultValue("0") int ioThreads, @DefaultValue("true") boolean botLane) {

        public int effectiveIoThreads() {
            return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    public record Views(
            @Min(1) @Max(100_000) @DefaultValue("1000") int eventBufferSize,
            @Min(0) @DefaultValue("500") int recentRecordsPerPartition,
            @NotNull @DefaultValue("30s") Duration heartbeatStaleAfter,
            @NotNull @DefaultValue("200ms") Duration fetchMaxWait) {
    }
}
