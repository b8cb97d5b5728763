package com.quantumedge.supervisor.policy.advisor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One non-blocking request to an OpenAI-compatible {@code POST <base-url>/chat/completions}: the
 * returned future completes on the HTTP client's threads with the assistant message's content, or
 * fails with a classified {@link LlmCallException} (or the client's own I/O and timeout errors).
 * Response bodies are never logged or put into exceptions.
 */
final class ChatCompletionsClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final Duration timeout;
    private final int maxTokens;
    private final boolean jsonResponseFormat;
    private final ApiKey apiKey;

    ChatCompletionsClient(HttpClient http, AdvisorProperties settings, ApiKey apiKey) {
        this.http = http;
        this.endpoint = URI.create(settings.baseUrl().replaceAll("/+$", "") + "/chat/completions");
        this.model = settings.model();
        this.timeout = settings.timeout();
        this.maxTokens = settings.maxTokens();
        this.jsonResponseFormat = settings.jsonResponseFormat();
        this.apiKey = apiKey;
    }

    CompletableFuture<String> complete(AdvisorPrompt prompt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(prompt)));
        apiKey.bearerHeader().ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<String> content = exchange.thenApply(ChatCompletionsClient::contentOf);
        // A time limit cancels `content`; cancelling a dependent stage does not reach the exchange by itself.
        content.whenComplete((ignored, error) -> exchange.cancel(true));
        return content;
    }

    String requestBody(AdvisorPrompt prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        body.put("temperature", 0);
        body.put("max_tokens", maxTokens);
        if (jsonResponseFormat) {
            body.putObject("response_format").put("type", "json_object");
        }
        return JSON.writeValueAsString(body);
    }

    static String contentOf(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 429) {
            throw new LlmCallException(FailureKind.HTTP_429, "HTTP 429 from the chat endpoint");
        } else if (status >= 500) {
            throw new LlmCallException(FailureKind.HTTP_5XX, "HTTP " + status + " from the chat endpoint");
        } else if (status < 200 || status >= 300) {
            throw new LlmCallException(FailureKind.HTTP_4XX, "HTTP " + status + " from the chat endpoint");
        }
        JsonNode content;
        try {
            content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
        } catch (JacksonException e) {
            throw new LlmCallException(FailureKind.BAD_RESPONSE, "the chat endpoint's answer is not JSON");
        }
        if (!content.isString()) {
            throw new LlmCallException(FailureKind.BAD_RESPONSE, "the chat endpoint's answer has no choices[0].message.content");
        }
        return content.stringValue();
    }
}
