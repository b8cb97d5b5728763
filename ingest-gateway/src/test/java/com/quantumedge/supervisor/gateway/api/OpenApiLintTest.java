package com.quantumedge.supervisor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;

/**
 * Lints the served OpenAPI document with Redocly's CLI (installed project-locally by
 * scripts/install-test-deps.sh) and the repository's redocly.yaml. Without the CLI the test fails
 * in CI and is skipped elsewhere.
 */
class OpenApiLintTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path REDOCLY = ROOT.resolve(".tools/redocly/node_modules/.bin/redocly");

    @Test
    @DisplayName("the served OpenAPI document passes redocly lint without errors")
    void documentPassesLint() throws IOException, InterruptedException {
        if (!Files.isExecutable(REDOCLY)) {
            String missing = "redocly CLI not found at " + REDOCLY + "; run scripts/install-test-deps.sh";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        RunningGateway gateway = SharedGateway.get();
        Path document = Path.of("target/openapi/ingest-gateway.json").toAbsolutePath();
        Files.createDirectories(document.getParent());
        Files.writeString(document, Http.get(gateway.url("/v3/api-docs"), gateway.token("viewer")).body());

        ProcessBuilder lint = new ProcessBuilder(REDOCLY.toString(), "lint", "--config", ROOT.resolve("redocly.yaml").toString(),
                "--format=stylish", document.toString()).redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("NO_COLOR", "1");
        Process process = lint.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("redocly lint did not finish in 120 s:\n" + output);
        }

        assertThat(process.exitValue()).as("redocly lint %s:%n%s", document, output).isZero();
    }
}
