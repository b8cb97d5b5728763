package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.simbot.SimBot;

/**
 * The operator console in a real browser: src/test/browser/console.spec.mjs, run with Node.js, drives
 * Debian's Chromium through playwright-core (installed project-locally by scripts/install-test-deps.sh)
 * against one local stack with the demo bot, as {@code ./supervisor up --demo} runs it. Screenshots of
 * each page go to target/console-screenshots/. Without node, playwright-core or chromium the test fails
 * in CI and is skipped elsewhere.
 */
class ConsoleBrowserTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path PLAYWRIGHT = ROOT.resolve(".tools/playwright/node_modules/playwright-core");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SPEC = Path.of("src/test/browser/console.spec.mjs").toAbsolutePath();

    @Test
    @DisplayName("viewer sees the demo bot move without controls; operator halts (the page and the fleet show BotHalted), resumes "
            + "and changes a limit from the page; "
            + "HTML in a reason stays text; a wrong token is refused")
    void consoleInABrowser() throws Exception {
        String node = requireTools();
        Path home = Files.createDirectories(Path.of("target", "console-" + UUID.randomUUID()).toAbsolutePath());
        try (LocalStack stack = LocalStack.start(new SupervisorHome(home),
                new LocalStack.Options(true, "normal", 0, simBotClasses(), true))) {
            Map<String, String> env = stack.env();
            ProcessBuilder browser = new ProcessBuilder(node, SPEC.toString()).redirectErrorStream(true);
            Map<String, String> childEnv = browser.environment();
            for (String key : List.of("GATEWAY_URL", "BOT_ID", "BOT_TOKEN", "VIEWER_TOKEN", "OPERATOR_TOKEN")) {
                childEnv.put(key, env.get(key));
            }
            childEnv.put("PLAYWRIGHT_DIR", PLAYWRIGHT.toString());
            childEnv.put("CHROMIUM", CHROMIUM.toString());
            childEnv.put("SCREENSHOTS_DIR", Path.of("target", "console-screenshots").toAbsolutePath().toString());
            childEnv.put("USER_DATA_DIR", Files.createDirectories(home.resolve("chromium-profile")).toString());
            // To a file, not a pipe: a hung browser must not block the read past the deadline.
            Path log = home.resolve("console-browser.log");
            browser.redirectOutput(log.toFile());
            long t0 = System.nanoTime();
            Process process = browser.start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("the browser test did not finish in 240 s:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("console browser test: %d ms%n%s%n", (System.nanoTime() - t0) / 1_000_000, output);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("CONSOLE BROWSER TEST PASSED").doesNotContain("FAIL ");
            assertThat(output.lines().filter(l -> l.startsWith("PASS "))).as(output).hasSize(10);
            assertThat(output).as("the token never reaches the output").doesNotContain(env.get("OPERATOR_TOKEN"))
                    .doesNotContain(env.get("VIEWER_TOKEN"));
        }
    }

    /** node, playwright-core and chromium: missing ones fail the test under CI=true and skip it elsewhere. */
    private static String requireTools() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        String node = which("node");
        if (node == null) {
            missing.add("node (Node.js 20+)");
        }
        if (!Files.isRegularFile(PLAYWRIGHT.resolve("package.json"))) {
            missing.add("playwright-core at " + PLAYWRIGHT);
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium at " + CHROMIUM + " (apt-get install chromium)");
        }
        if (!missing.isEmpty()) {
            String message = "missing " + String.join(", ", missing) + "; run scripts/install-test-deps.sh";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return node;
    }

    private static String which(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 && !path.isEmpty() ? path : null;
    }

    /** The sim-bot as the demo runs it: its classes (a folder in the reactor, a jar otherwise) are all it needs. */
    private static Path simBotClasses() throws URISyntaxException {
        return Path.of(SimBot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
