package com.quantumedge.supervisor.policy.advisor;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The LLM advisor (off unless {@code enabled}). Defaults are documented in the module README. The
 * API key is not a setting: it is read from the environment variable named by {@code apiKeyEnv}.
 *
 * @param enabled            ask the LLM at all
 * @param mode               trust policy: off (dry run), advise (ALERT events only), apply (also operator commands)
 * @param interval           time between two advice rounds; each bot is advised at most once per new snapshot
 * @param baseUrl            OpenAI-compatible API root, e.g. {@code https://api.openai.com/v1}; {@code /chat/completions} is appended
 * @param model              model name sent with every request, and in {@code issued_by} as {@code advisor:<model>}
 * @param apiKeyEnv          environment variable holding the API key (sent as a bearer token when set)
 * @param timeout            limit of one attempt, from request to the complete answer
 * @param maxTokens          answer length limit sent to the model
 * @param jsonResponseFormat ask for {@code response_format: json_object} (turn off for servers that refuse it)
 * @param minRiskMultiplier  floor of an applied LOWER_RISK multiplier (never above 1 either)
 * @param recentEvents       how many of the bot's latest supervisor events go into the prompt
 * @param maxConcurrentCalls advice calls in flight at once, over all bots
 * @param consumerGroup      consumer group of the advisor's inputs: instances share the bots like the policy's partitions
 * @param inputLookback      snapshots, risk states and events re-read on getting a bot's partition (start, rebalance), so
 *                           an llm-check finds the bot at once; rounds never advise what was re-read (0: read from now on)
 */
@Validated
@ConfigurationProperties("supervisor.policy.advisor")
public record AdvisorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("advise") @NotNull TrustMode mode,
        @DefaultValue("15m") @NotNull Duration interval,
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String model,
        @DefaultValue("ADVISOR_API_KEY") @NotBlank String apiKeyEnv,
        @DefaultValue("20s") @NotNull Duration timeout,
        @DefaultValue("200") @Min(16) int maxTokens,
        @DefaultValue("true") boolean jsonResponseFormat,
        @DefaultValue("0.25") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double minRiskMultiplier,
        @DefaultValue("10") @Min(0) @Max(100) int recentEvents,
        @DefaultValue("4") @Min(1) int maxConcurrentCalls,
        @DefaultValue("qe-policy-advisor") @NotBlank String consumerGroup,
        @DefaultValue("10m") @NotNull Duration inputLookback,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

    public AdvisorProperties {
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        model = model == null ? "" : model.strip();
    }

    @AssertTrue(message = "base-url (http:// or https://) and model are required when the advisor is enabled")
    public boolean isEndpointConfigured() {
        return !enabled || (baseUrl.matches("https?://\\S+") && !model.isEmpty());
    }

    @AssertTrue(message = "interval and timeout must be positive, input-lookback not negative")
    public boolean isPositive() {
        return interval != null && timeout != null && interval.toMillis() > 0 && timeout.toMillis() > 0
                && inputLookback != null && !inputLookback.isNegative();
    }

    /**
     * @param maxAttempts       attempts per advice call, the first included (1 = no retry); only timeouts,
     *                          connection errors, 5xx and 429 are retried
     * @param initialBackoff    wait before the first retry
     * @param backoffMultiplier growth of the wait for each further retry
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("2s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier) {
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slidingWindowSize    calls the failure rate is computed over
     * @param minimumCalls         calls needed before the rate counts
     * @param openFor              how long an open breaker refuses calls before one trial call (half-open)
     * @param halfOpenCalls        trial calls that decide between closing and re-opening
     */
    public record CircuitBreaker(
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("10") @Min(1) int slidingWindowSize,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("5m") @NotNull Duration openFor,
            @DefaultValue("1") @Min(1) int halfOpenCalls) {
    }
}
