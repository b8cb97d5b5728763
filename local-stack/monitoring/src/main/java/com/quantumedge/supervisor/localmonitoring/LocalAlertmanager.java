package com.quantumedge.supervisor.localmonitoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project-local Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port,
 * its configuration, silences and notification log under one directory. Clustering (gossip) is off
 * unless peers are given, so two of them side by side are an HA pair only when asked to be.
 */
public final class LocalAlertmanager extends LocalServer {

    public static final String CONFIG_FILE = "alertmanager.yml";

    private LocalAlertmanager(Path dir, int port, List<String> command) {
        super("alertmanager", dir, port, command);
    }

    /** The Alertmanager binary here, or empty when it is not installed. */
    public static Optional<Path> binary() {
        return Binaries.find(List.of("prometheus-alertmanager", "alertmanager"));
    }

    public static boolean installed() {
        return binary().isPresent();
    }

    /** Starts one with {@code config} (alertmanager.yml content) under {@code dir}; returns once it is ready. */
    public static LocalAlertmanager start(Path dir, String config) {
        return start(dir, config, List.of(), 0);
    }

    /**
     * Starts an HA member: gossip on {@code clusterPort} (0: a free one) with the given peers
     * ({@code host:port} of their cluster addresses).
     */
    public static LocalAlertmanager start(Path dir, String config, List<String> peers, int clusterPort) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "Alertmanager is not installed: run scripts/install-test-deps.sh (apt-get install prometheus-alertmanager)"));
        Path home = prepare(dir, CONFIG_FILE, config);
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + home.resolve(CONFIG_FILE),
                "--storage.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        if (peers.isEmpty() && clusterPort == 0) {
            command.add("--cluster.listen-address=");
        } else {
            int gossip = clusterPort == 0 ? ServerProcess.freePort() : clusterPort;
            command.add("--cluster.listen-address=127.0.0.1:" + gossip);
            command.add("--cluster.advertise-address=127.0.0.1:" + gossip);
            peers.forEach(peer -> command.add("--cluster.peer=" + peer));
            command.add("--cluster.settle-timeout=2s");
        }
        return new LocalAlertmanager(home, port, command);
    }
}
