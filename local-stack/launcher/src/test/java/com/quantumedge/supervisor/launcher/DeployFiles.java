package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The repository's deploy/ files as the tests read them, and the external tools (promtool, amtool) they run on them. */
final class DeployFiles {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    static final Path ALERTMANAGER = ROOT.resolve("deploy/alertmanager");

    private DeployFiles() {
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(p.exitValue(), out);
    }
}
