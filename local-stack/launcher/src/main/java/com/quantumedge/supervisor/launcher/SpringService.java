package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * One service of the local stack: its Spring Boot application started in this JVM with its own
 * context, environment and HTTP port. Shutdown hooks are the stack's, so it stops in order.
 */
final class SpringService implements AutoCloseable {

    static {
        // Logging is the launcher's (one logback for the whole JVM); services must not reset it.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    }

    private static final HttpClient PROBE_CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final ConfigurableApplicationContext context;

    private SpringService(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /**
     * @param name       the service's name, which is also its config file ({@code <name>.yml}): every
     *                   service jar has its own, where a shared {@code application.yml} would collide
     * @param properties settings that win over the service's config file (passed as command-line arguments)
     */
    static SpringService start(String name, Class<?> application, Map<String, Object> properties) {
        return start(name, application, properties, Map.of());
    }

    /**
     * As {@link #start(String, Class, Map)}, with the environment variables the service's process would
     * have in production (e.g. {@code /etc/qe-supervisor/common.env} and {@code <service>.env}). They are
     * bound exactly like the real process environment ({@code SPRING_KAFKA_SECURITY_PROTOCOL} →
     * {@code spring.kafka.security.protocol}, {@code ${KAFKA_BOOTSTRAP}} in the service's yml), win over
     * this JVM's own environment and lose to {@code properties}.
     */
    static SpringService start(String name, Class<?> application, Map<String, Object> properties, Map<String, String> environment) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("spring.config.name", name);
        all.put("spring.main.register-shutdown-hook", false);
        all.put("spring.main.banner-mode", "off");
        all.put("spring.jmx.enabled", false);
        all.putAll(properties);
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application);
        if (!environment.isEmpty()) {
            builder.environment(withVariables(name, environment));
        }
        ConfigurableApplicationContext context = builder.run(args);
        return new SpringService(name, context);
    }

    /**
     * The variables as a second system environment, right above the real one: Spring Boot maps names
     * relaxed only for a {@link SystemEnvironmentPropertySource} named {@code systemEnvironment} or
     * {@code *-systemEnvironment}.
     */
    private static StandardEnvironment withVariables(String name, Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(name + "-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new LinkedHashMap<>(variables)));
        return environment;
    }

    String name() {
        return name;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The service's own readiness probe ({@code /actuator/health/readiness}): its status and body, or why it could not be read. */
    Probe readiness() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = PROBE_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Probe(response.statusCode() == 200, response.body());
        } catch (IOException e) {
            return new Probe(false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted");
        }
    }

    record Probe(boolean up, String detail) {
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public void close() {
        context.close();
    }
}
