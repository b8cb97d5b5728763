package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway of a running {@link LocalStack}, called as the bot and the operator call it: JSON over HTTP with a token. */
final class StackHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;

    StackHttp(String gatewayUrl) {
        this.gateway = gatewayUrl;
    }

    HttpResponse<String> post(String path, String token, Map<String, Object> body) {
        return sendJson("POST", path, token, body);
    }

    HttpResponse<String> put(String path, String token, Map<String, Object> body) {
        return sendJson("PUT", path, token, body);
    }

    private HttpResponse<String> sendJson(String method, String path, String token, Map<String, Object> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An order check's decision; the check itself must answer 200. */
    JsonNode evaluate(String botToken, Map<String, Object> order) {
        return json(post("/api/v1/risk/evaluate", botToken, order));
    }

    JsonNode get(String path, String token) {
        return json(send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token).GET()));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
