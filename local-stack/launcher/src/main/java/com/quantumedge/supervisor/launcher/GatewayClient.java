package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Option;

/**
 * The gateway as the CLI sees it: its URL and the operator/viewer tokens, from options, the
 * environment or {@code <home>/local.env} (in that order). Errors come back as the gateway's JSON.
 */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--gateway", description = "Gateway URL (default: $GATEWAY_URL, then <home>/local.env)")
    String url;

    @Option(names = "--token", description = "API token (default: $OPERATOR_TOKEN for commands, $VIEWER_TOKEN for reads, then <home>/local.env)")
    String token;

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    java.nio.file.Path home;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String error() {
            JsonNode error = body.path("error");
            return error.isMissingNode() ? body.toString()
                    : error.path("code").asText() + ": " + error.path("message").asText()
                            + (error.path("field").isMissingNode() || error.path("field").isNull() ? "" : " (field " + error.path("field").asText() + ")");
        }
    }

    JsonNode get(String path) {
        return check(send(HttpRequest.newBuilder(uri(path)).GET(), "VIEWER_TOKEN"));
    }

    /** A GET whose answer is text (e.g. markdown); errors still come back as the gateway's JSON. */
    String getText(String path) {
        String t = Optional.ofNullable(token).or(() -> setting("VIEWER_TOKEN"))
                .orElseThrow(() -> new IllegalArgumentException("no token: pass --token or set VIEWER_TOKEN"));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + t)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("gateway answered " + r.statusCode() + " "
                        + new Reply(r.statusCode(), JSON.readTree(r.body().isBlank() ? "{}" : r.body())).error());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("gateway " + baseUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply post(String path, Map<String, Object> body, String tokenKey) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), tokenKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Reply put(String path, Map<String, Object> body, String tokenKey) {
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), tokenKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode check(Reply reply) {
        if (!reply.ok()) {
            throw new IllegalStateException("gateway answered " + reply.status() + " " + reply.error());
        }
        return reply.body();
    }

    private Reply send(HttpRequest.Builder request, String tokenKey) {
        String t = Optional.ofNullable(token).or(() -> setting(tokenKey))
                .orElseThrow(() -> new IllegalArgumentException("no token: pass --token or set " + tokenKey));
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + t).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("gateway " + baseUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    String baseUrl() {
        return Optional.ofNullable(url).or(() -> setting("GATEWAY_URL"))
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no gateway: pass --gateway, set GATEWAY_URL, or start the local stack (./supervisor up)"));
    }

    private Optional<String> setting(String key) {
        return Optional.ofNullable(System.getenv(key)).filter(v -> !v.isBlank())
                .or(() -> SupervisorHome.resolve(home).env(key));
    }
}
