package com.quantumedge.supervisor.localmonitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One project-local server process: its files under one directory, its output in
 * {@code log/stdout.log} there, started and stopped on request and considered up once an HTTP
 * readiness URL answers 200. Never the system service of the package.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> command;
    private final Path dir;
    private final URI readyUrl;
    private final Duration startTimeout;
    private volatile Process process;

    ServerProcess(String name, List<String> command, Path dir, URI readyUrl, Duration startTimeout) {
        this.name = name;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.readyUrl = readyUrl;
        this.startTimeout = startTimeout;
    }

    /** Starts the process and returns once its readiness URL answers 200; fails loudly otherwise. */
    void start() {
        try {
            Path log = Files.createDirectories(dir.resolve("log"));
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " in " + dir, e);
        }
        awaitReady();
    }

    boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** SIGKILL: what a crash or an outage looks like to the clients. */
    void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(20));
        }
    }

    @Override
    public void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!waitFor(p, Duration.ofSeconds(20))) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(10));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start; see "
                        + dir.resolve("log").resolve("stdout.log"));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new IllegalStateException(name + " not ready within " + startTimeout + "; see " + dir.resolve("log"));
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean waitFor(Process p, Duration d) {
        try {
            return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
