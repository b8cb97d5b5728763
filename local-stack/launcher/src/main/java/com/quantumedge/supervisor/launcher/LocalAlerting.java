package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.quantumedge.supervisor.localmonitoring.LocalAlertmanager;
import com.quantumedge.supervisor.localmonitoring.LocalPrometheus;
import com.quantumedge.supervisor.localmonitoring.WebhookReceiver;

/**
 * The alerting side of {@code ./supervisor up}: a local webhook receiver (its journal under the home,
 * read by {@code ./supervisor alerts}), an Alertmanager routing everything to it, and a Prometheus
 * running the shipped {@code deploy/prometheus} configuration and rules as they are, scraping the
 * stack's services on the ports they got ({@link #scrape}). Only the evaluation and scrape intervals
 * are shorter than the shipped ones, so a local page comes within seconds; the Alertmanager has the
 * shipped example's grouping and inhibitions.
 */
final class LocalAlerting implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalAlerting.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JOURNAL = "alerts/notifications.jsonl";
    private static final String PROMETHEUS_DIR = "deploy/prometheus/";
    private static final String ALERTMANAGER_EXAMPLE = "deploy/alertmanager/alertmanager.yml.example";
    private static final String LOCAL_RECEIVER = "local-webhook";
    static final String GATEWAY_JOB_TARGETS = "targets/gateway.json";
    static final String SERVICE_TARGETS = "targets/services.json";
    static final String ALERTMANAGER_TARGETS = "targets/alertmanagers.json";
    static final String VIEWER_TOKEN = "secrets/viewer-token";

    private final WebhookReceiver receiver;
    private final LocalAlertmanager alertmanager;
    private final LocalPrometheus prometheus;

    private LocalAlerting(WebhookReceiver receiver, LocalAlertmanager alertmanager, LocalPrometheus prometheus) {
        this.receiver = receiver;
        this.alertmanager = alertmanager;
        this.prometheus = prometheus;
    }

    static boolean installed() {
        return LocalPrometheus.installed() && LocalAlertmanager.installed();
    }

    /**
     * Starts the receiver, Alertmanager and Prometheus (no targets yet) under {@code home}.
     *
     * @param interval the scrape and rule evaluation interval (the shipped configuration's is 15 s)
     */
    static LocalAlerting start(SupervisorHome home, Duration interval) {
        WebhookReceiver receiver = WebhookReceiver.start(journal(home));
        LocalAlertmanager alertmanager = null;
        try {
            alertmanager = LocalAlertmanager.start(home.dir().resolve("alertmanager"), alertmanagerConfig(receiver.url()));
            Path dir = home.dir().resolve("prometheus");
            copyShippedRules(dir);
            writeTargets(dir, ALERTMANAGER_TARGETS, List.of(Map.of("targets", List.of(hostPort(alertmanager.url())))));
            writeTargets(dir, GATEWAY_JOB_TARGETS, List.of());
            writeTargets(dir, SERVICE_TARGETS, List.of());
            writeSecret(dir.resolve(VIEWER_TOKEN), "");
            LocalPrometheus prometheus = LocalPrometheus.start(dir, prometheusConfig(interval));
            log.info("Alerting: Prometheus {}, Alertmanager {}, notifications to {} (journal {})",
                    prometheus.url(), alertmanager.url(), receiver.url(), journal(home));
            return new LocalAlerting(receiver, alertmanager, prometheus);
        } catch (RuntimeException e) {
            if (alertmanager != null) {
                alertmanager.close();
            }
            receiver.close();
            throw e;
        }
    }

    static Path journal(SupervisorHome home) {
        return home.dir().resolve(JOURNAL);
    }

    String alertmanagerUrl() {
        return alertmanager.url();
    }

    String prometheusUrl() {
        return prometheus.url();
    }

    LocalPrometheus prometheus() {
        return prometheus;
    }

    LocalAlertmanager alertmanager() {
        return alertmanager;
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    /**
     * Points Prometheus at the services (name → HTTP port on loopback): the gateway in its own job with
     * the viewer token, the others in the common one; then reloads, so the change is taken at once.
     */
    void scrape(Map<String, Integer> servicePorts, String viewerToken) {
        Path dir = prometheus.dir();
        List<Object> gateway = servicePorts.entrySet().stream().filter(e -> e.getKey().equals(LocalStack.GATEWAY))
                .map(e -> target(e.getKey(), e.getValue())).collect(Collectors.toList());
        List<Object> others = servicePorts.entrySet().stream().filter(e -> !e.getKey().equals(LocalStack.GATEWAY))
                .map(e -> target(e.getKey(), e.getValue())).collect(Collectors.toList());
        writeSecret(dir.resolve(VIEWER_TOKEN), viewerToken);
        writeTargets(dir, GATEWAY_JOB_TARGETS, gateway);
        writeTargets(dir, SERVICE_TARGETS, others);
        prometheus.reload(readConfig(dir));
        log.info("Prometheus scrapes {}", servicePorts);
    }

    private static Map<String, Object> target(String service, int port) {
        return Map.of("targets", List.of("127.0.0.1:" + port), "labels", Map.of("service", service));
    }

    /**
     * The shipped example's grouping and inhibitions (a HALT silences that bot's denials alert), with
     * one receiver, the local webhook, for everything and shorter waits; the example's receivers need
     * secrets a local stack does not have.
     */
    @SuppressWarnings("unchecked")
    static String alertmanagerConfig(String webhookUrl) {
        Map<String, Object> example = new Yaml().load(shipped(ALERTMANAGER_EXAMPLE));
        Map<String, Object> shippedRoute = (Map<String, Object>) example.get("route");
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", LOCAL_RECEIVER);
        route.put("group_by", shippedRoute.get("group_by"));
        route.put("group_wait", "5s");
        route.put("group_interval", "30s");
        route.put("repeat_interval", shippedRoute.get("repeat_interval"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("route", route);
        config.put("inhibit_rules", example.get("inhibit_rules"));
        config.put("receivers", List.of(Map.of("name", LOCAL_RECEIVER,
                "webhook_configs", List.of(Map.of("url", webhookUrl, "send_resolved", true)))));
        return block().dump(config);
    }

    /** The shipped prometheus.yml with {@code interval} as its scrape and evaluation interval. */
    @SuppressWarnings("unchecked")
    static String prometheusConfig(Duration interval) {
        Yaml yaml = new Yaml();
        Map<String, Object> config = yaml.load(shipped(PROMETHEUS_DIR + "prometheus.yml"));
        Map<String, Object> global = (Map<String, Object>) config.computeIfAbsent("global", k -> new LinkedHashMap<>());
        global.put("scrape_interval", interval.toSeconds() + "s");
        global.put("evaluation_interval", interval.toSeconds() + "s");
        return block().dump(config);
    }

    private static Yaml block() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options);
    }

    private static String shipped(String path) {
        try (InputStream in = LocalAlerting.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath (the launcher jar packs deploy/prometheus and deploy/alertmanager)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyShippedRules(Path dir) {
        try {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Resource[] shipped = new PathMatchingResourcePatternResolver(LocalAlerting.class.getClassLoader())
                    .getResources("classpath*:" + PROMETHEUS_DIR + "rules/*.yml");
            if (shipped.length == 0) {
                throw new IllegalStateException("no " + PROMETHEUS_DIR + "rules/*.yml on the classpath");
            }
            for (Resource rule : shipped) {
                try (InputStream in = rule.getInputStream()) {
                    Files.write(rules.resolve(rule.getFilename()), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readConfig(Path dir) {
        try {
            return Files.readString(dir.resolve(LocalPrometheus.CONFIG_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeTargets(Path dir, String file, List<Object> targets) {
        try {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), "targets", ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(targets));
            // file_sd watches the file: replace it whole, never let Prometheus read half of it.
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSecret(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the home directory's ACL applies.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostPort(String url) {
        return url.replaceFirst("^https?://", "");
    }

    @Override
    public void close() {
        prometheus.close();
        alertmanager.close();
        receiver.close();
    }
}
