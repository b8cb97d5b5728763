package com.quantumedge.supervisor.policy.ticks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param enabled  whether this instance writes ticks
 * @param interval time between two ticks of one bot
 * @param bots     bots to tick for even before any of their records was seen
 */
@Validated
@ConfigurationProperties("supervisor.policy.ticks")
public record TickSourceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @NotNull Duration interval,
        @DefaultValue({}) List<String> bots) {
}
