package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Reply;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@DisplayName("Chat-completions client against a local HTTP server")
class ChatCompletionsClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final FakeChatServer server = new FakeChatServer();
    private final AdvisorPrompt prompt = AdvisorPrompt.of(view(snapshot("bot-7", "s-1"), null), 1_700_000_001_000L, 0.25);

    ChatCompletionsClientTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatCompletionsClient client(ApiKey key) {
        return new ChatCompletionsClient(HttpClient.newHttpClient(), AdvisorFixtures.settings(server.baseUrl(), TrustMode.APPLY), key);
    }

    @Test
    @DisplayName("posts model, system and user messages, temperature 0 and JSON response format; answers the message content")
    void requestAndAnswer() throws Exception {
        server.answer(Reply.content("{\"action\":\"NONE\",\"reason\":\"ok\"}"));

        String content = client(ApiKey.none()).complete(prompt).get(10, TimeUnit.SECONDS);

        assertThat(content).isEqualTo("{\"action\":\"NONE\",\"reason\":\"ok\"}");
        JsonNode request = JSON.readTree(server.received().get(0).body());
        assertThat(request.path("model").stringValue()).isEqualTo(AdvisorFixtures.MODEL);
        assertThat(request.path("messages").path(0).path("role").stringValue()).isEqualTo("system");
        assertThat(request.path("messages").path(1).path("content").stringValue()).contains("\"bot_id\":\"bot-7\"")
                .contains("\"snapshot_age_ms\":1000").doesNotContain("s-1");
        assertThat(request.path("temperature").asInt()).isZero();
        assertThat(request.path("response_format").path("type").stringValue()).isEqualTo("json_object");
        assertThat(server.received().get(0).authorization()).isNull();
    }

    @Test
    @DisplayName("sends the API key as a bearer token when there is one")
    void bearerToken() throws Exception {
        client(ApiKey.of("sk-test-key")).complete(prompt).get(10, TimeUnit.SECONDS);

        assertThat(server.received().get(0).authorization()).isEqualTo("Bearer sk-test-key");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({"500, HTTP_5XX", "503, HTTP_5XX", "429, HTTP_429", "401, HTTP_4XX", "404, HTTP_4XX"})
    @DisplayName("error statuses fail with their kind")
    void errorStatuses(int status, FailureKind kind) {
        server.answer(Reply.status(status));

        assertThat(client(ApiKey.none()).complete(prompt)).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(Exception.class)
                .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(kind));
    }

    @Test
    @DisplayName("a 200 that is not a chat completion fails as BAD_RESPONSE")
    void notACompletion() {
        server.answerInTurn(Reply.body("<html>proxy login</html>"), Reply.body("{\"choices\":[]}"));

        for (int i = 0; i < 2; i++) {
            assertThat(client(ApiKey.none()).complete(prompt)).failsWithin(10, TimeUnit.SECONDS)
                    .withThrowableOfType(Exception.class)
                    .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.BAD_RESPONSE));
        }
    }

    @Test
    @DisplayName("nothing listening fails as CONNECTION")
    void nothingListening() {
        String url = server.baseUrl();
        server.close();
        ChatCompletionsClient client = new ChatCompletionsClient(HttpClient.newHttpClient(),
                AdvisorFixtures.settings(url, TrustMode.APPLY), ApiKey.none());

        assertThat(client.complete(prompt)).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.CONNECTION));
        assertThat(FailureKind.of(new CompletionException(new IOException("x")))).isEqualTo(FailureKind.CONNECTION);
    }
}
