package com.quantumedge.supervisor.localmonitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What Prometheus and Alertmanager have in common here: one process on a free loopback port, its
 * configuration file and data directory under one folder, ready once {@code /-/ready} answers 200.
 */
public abstract class LocalServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final ServerProcess process;

    /** Starts {@code command} (which must listen on {@code port}) and returns once it is ready. */
    LocalServer(String name, Path dir, int port, List<String> command) {
        this.dir = dir;
        this.port = port;
        this.process = new ServerProcess(name, command, dir, URI.create("http://127.0.0.1:" + port + "/-/ready"), START_TIMEOUT);
        process.start();
    }

    /** Creates {@code dir/data} and writes {@code configFile} there; returns the absolute {@code dir}. */
    static Path prepare(Path dir, String configFile, String config) {
        Path home = dir.toAbsolutePath();
        try {
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve(configFile), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public boolean running() {
        return process.running();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: what a crash or an outage looks like to its clients. */
    public void kill() {
        process.kill();
    }

    /** Starts it again on the same port, with the same configuration and data. */
    public void restart() {
        if (process.running()) {
            process.close();
        }
        process.start();
    }

    @Override
    public void close() {
        process.close();
    }
}
