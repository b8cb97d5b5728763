package com.quantumedge.supervisor.policy.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.quantumedge.supervisor.runtime.RestartBackoff;

/**
 * The supervisor's alerts: the alert topology (a second Streams application of the service) and the
 * notifier that hands them to Alertmanager. Defaults are documented in the module README.
 *
 * @param enabled                run the alert topology and the notifier at all
 * @param alertmanagerUrls       Alertmanager base URLs (e.g. {@code http://127.0.0.1:9093}), every one of an HA set;
 *                               {@code /api/v2/alerts} is appended. Empty: alerts are kept on {@code sup.alerts.v1}
 *                               but nobody is paged (warned at start)
 * @param resendInterval         how often every firing (and recently resolved) alert is sent again; must stay well
 *                               below Alertmanager's {@code resolve_timeout} (5m by default)
 * @param requestTimeout         limit of one POST, connect to answer
 * @param backoff                wait before retrying a URL that failed: {@code initial}, doubling up to {@code max}
 * @param resolvedRetention      how long a resolved alert is still sent (with its end time) so that an Alertmanager
 *                               that was down or restarted learns it ended
 * @param deadLetterQuietPeriod  a service's DeadLetters alert resolves after this long without a dead letter from it
 * @param applicationId          Streams application id of the alert topology; empty: the policy's id + {@code -alerts}
 * @param stateDir               Streams state directory of the alert topology; empty: the policy's + {@code -alerts}
 */
@Validated
@ConfigurationProperties("supervisor.policy.alerts")
public record AlertsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({}) @NotNull List<URI> alertmanagerUrls,
        @DefaultValue("30s") @NotNull Duration resendInterval,
        @DefaultValue("5s") @NotNull Duration requestTimeout,
        @Valid @NotNull @DefaultValue Backoff backoff,
        @DefaultValue("1h") @NotNull Duration resolvedRetention,
        @DefaultValue("10m") @NotNull Duration deadLetterQuietPeriod,
        @DefaultValue("") String applicationId,
        @DefaultValue("") String stateDir) {

    @AssertTrue(message = "alertmanager-urls must be http:// or https:// URLs")
    public boolean isUrlsValid() {
        return alertmanagerUrls == null || alertmanagerUrls.stream()
                .allMatch(u -> u != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null);
    }

    @AssertTrue(message = "resend-interval, request-timeout, resolved-retention and dead-letter-quiet-period must be positive")
    public boolean isPositive() {
        return positive(resendInterval) && positive(requestTimeout) && positive(resolvedRetention) && positive(deadLetterQuietPeriod);
    }

    private static boolean positive(Duration d) {
        return d != null && d.toMillis() > 0;
    }

    /**
     * @param initial wait after the first failed POST to a URL
     * @param max     longest wait between two attempts
     */
    public record Backoff(@DefaultValue("1s") @NotNull Duration initial, @DefaultValue("30s") @NotNull Duration max) {

        @AssertTrue(message = "backoff needs 0 < initial <= max")
        public boolean isOrdered() {
            return initial != null && max != null && initial.toMillis() > 0 && max.compareTo(initial) >= 0;
        }

        RestartBackoff restartBackoff() {
            return new RestartBackoff(initial, max);
        }
    }
}
