package com.quantumedge.supervisor.localmonitoring.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.quantumedge.supervisor.localmonitoring.LocalAlertmanager;
import com.quantumedge.supervisor.localmonitoring.LocalPrometheus;

/**
 * For tests that need a real Prometheus or Alertmanager: skipped on a developer machine without
 * them, failed under {@code CI=true}, where {@code scripts/install-test-deps.sh} installs both.
 */
public final class MonitoringBinaries {

    private MonitoringBinaries() {
    }

    public static void assumeAlertmanager() {
        require(LocalAlertmanager.installed(), "prometheus-alertmanager");
    }

    public static void assumePrometheus() {
        require(LocalPrometheus.installed() && LocalPrometheus.promtool().isPresent(), "prometheus (with promtool)");
    }

    private static void require(boolean installed, String what) {
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what + " is not installed; scripts/install-test-deps.sh installs it under CI");
        }
        assumeTrue(installed, what + " is not installed (apt-get install prometheus prometheus-alertmanager)");
    }
}
