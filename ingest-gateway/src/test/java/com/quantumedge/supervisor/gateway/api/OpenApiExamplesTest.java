package com.quantumedge.supervisor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.quantumedge.supervisor.gateway.security.SecurityConfig;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document is the contract: every example it shows, sent to a running gateway (with a stand-in
 * risk engine for order checks), gets the status of the response that shows it, a body valid against
 * that response's schema and, for errors, the documented code and field. Request examples are posted
 * with a token of the route's role; answer-only examples (401 without a token, 403 with another
 * role's, a read route's 404 for an unknown bot) are sent with the token and parameters they name.
 */
class OpenApiExamplesTest {

    private static final String BOT = SharedGateway.CONTRACT_BOT;

    private static RunningGateway gateway;
    private static TestRiskResponder responder;
    private static ApiDocument document;

    @BeforeAll
    static void start() {
        gateway = SharedGateway.get();
        responder = TestRiskResponder.start(SharedKafkaBroker.bootstrapServers(), Set.of(BOT));
        document = ApiDocument.fetch(gateway);
        exampleBotExists();
    }

    /**
     * The examples command and read the document's example bot: it exists the way a real one does, by a
     * heartbeat, so an operator's command for it is accepted as documented, not refused as UNKNOWN_BOT.
     */
    private static void exampleBotExists() {
        String bot = document.root.at("/components/schemas/BotId/example").asString();
        assertThat(bot).isNotBlank();
        KnownBots.writeHeartbeat(bot);
        KnownBots.awaitKnown(gateway, bot);
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    /** One documented example and what it is sent with: the token's role ("none" for no token), parameters and body. */
    record Posted(ApiDocument.Operation operation, String name, String role, JsonNode parameters, JsonNode request, String status,
            JsonNode answer) {

        boolean fromRequestExample() {
            return request != null && !operation.requestExample(name).isMissingNode();
        }
    }

    /** Every example: each request example with the answer of its name, then each answer that no request example shows. */
    private static List<Posted> examples() {
        List<Posted> out = new ArrayList<>();
        for (ApiDocument.Operation op : document.operations()) {
            if (op.path().startsWith("/actuator")) {
                continue;
            }
            JsonNode examples = op.node().path("requestBody").path("content").path("application/json").path("examples");
            JsonNode validBody = null;
            for (Map.Entry<String, JsonNode> example : examples.properties()) {
                List<String> statuses = new ArrayList<>();
                for (Map.Entry<String, JsonNode> response : op.node().path("responses").properties()) {
                    if (!op.jsonContent(response.getKey()).path("examples").path(example.getKey()).isMissingNode()) {
                        statuses.add(response.getKey());
                    }
                }
                assertThat(statuses).as("responses showing the answer to example %s of %s", example.getKey(), op.id()).hasSize(1);
                String status = statuses.get(0);
                out.add(new Posted(op, example.getKey(), op.role(), example.getValue().path("x-parameters"), example.getValue().path("value"),
                        status, op.jsonContent(status).path("examples").path(example.getKey()).path("value")));
                if (validBody == null && status.startsWith("2")) {
                    validBody = example.getValue().path("value");
                }
            }
            for (Map.Entry<String, JsonNode> response : op.node().path("responses").properties()) {
                for (Map.Entry<String, JsonNode> answer : op.jsonContent(response.getKey()).path("examples").properties()) {
                    if (!examples.has(answer.getKey())) {
                        out.add(new Posted(op, answer.getKey(), answer.getValue().path("x-token").asString(op.role()),
                                answer.getValue().path("x-parameters"), validBody, response.getKey(), answer.getValue().path("value")));
                    }
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("every route but the health probes shows its answers without a token (401) and to a token of another role (403)")
    void everyRouteShowsItsAuthAnswers() {
        for (ApiDocument.Operation op : document.operations()) {
            if (!op.path().startsWith("/actuator")) {
                assertThat(op.jsonContent("401").path("examples").has(ApiExamples.NO_TOKEN)).as(op.id()).isTrue();
                assertThat(op.jsonContent("403").path("examples").has(ApiExamples.WRONG_ROLE)).as(op.id()).isTrue();
                assertThat(op.node().path("security")).as(op.id()).hasSize(2);
            }
        }
    }

    @Test
    @DisplayName("every operation that takes a body shows at least one example answered 2xx and one answered 400")
    void everyBodyHasExamples() {
        for (ApiDocument.Operation op : document.operations()) {
            if (op.node().has("requestBody")) {
                List<String> statuses = examples().stream().filter(p -> p.operation().id().equals(op.id())).map(Posted::status).toList();
                assertThat(statuses).as(op.id()).anyMatch(s -> s.startsWith("2")).contains("400");
            }
        }
    }

    @TestFactory
    @DisplayName("each example, sent as documented, gets its documented status and an answer valid against the documented schema")
    Stream<DynamicTest> examplesAreAnsweredAsDocumented() {
        return examples().stream().map(example -> DynamicTest.dynamicTest(example.operation().id() + " " + example.name(), () -> {
            Http.Response response = send(example, example.request());
            JsonNode answer = response.json();

            assertThat(Integer.toString(response.status())).as(response.body()).isEqualTo(example.status());
            JsonNode schema = example.operation().jsonContent(example.status()).path("schema");
            assertThat(document.violations(schema, answer)).as("answer %s", response.body()).isEmpty();
            assertThat(document.violations(schema, example.answer())).as("documented answer").isEmpty();
            if (example.status().startsWith("2")) {
                JsonNode requestSchema = example.operation().node().path("requestBody").path("content").path("application/json")
                        .path("schema");
                if (example.request() != null) {
                    assertThat(document.violations(requestSchema, example.request())).as("documented request").isEmpty();
                }
            } else {
                assertThat(answer.path("error").path("code")).isEqualTo(example.answer().path("error").path("code"));
                assertThat(answer.path("error").path("field")).isEqualTo(example.answer().path("error").path("field"));
            }
        }));
    }

    @TestFactory
    @DisplayName("each field a request schema requires is refused with 400 MISSING_FIELD naming it when left out")
    Stream<DynamicTest> requiredFieldsAreRequired() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Posted example : examples()) {
            if (!example.status().startsWith("2") || !example.fromRequestExample() || tests.stream().anyMatch(t -> t.getDisplayName().startsWith(example.operation().id() + " "))) {
                continue;
            }
            JsonNode schema = resolve(example.operation().node().path("requestBody").path("content").path("application/json").path("schema"));
            for (JsonNode required : schema.path("required")) {
                String field = required.asString();
                tests.add(DynamicTest.dynamicTest(example.operation().id() + " without " + field, () -> {
                    ObjectNode body = (ObjectNode) example.request().deepCopy();
                    body.remove(field);
                    Http.Response response = send(example, body);

                    assertThat(response.status()).as(response.body()).isEqualTo(400);
                    assertThat(response.json().path("error").path("code").asString()).isEqualTo("MISSING_FIELD");
                    assertThat(response.json().path("error").path("field").asString()).isEqualTo(field);
                }));
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    @TestFactory
    @DisplayName("each read route, called with its parameters' examples, answers a documented status with a body valid against its schema")
    Stream<DynamicTest> readRoutesAnswerAsDocumented() {
        return document.operations().stream().filter(op -> op.method().equals("GET") && !op.path().startsWith("/actuator"))
                .map(op -> DynamicTest.dynamicTest(op.id(), () -> {
                    String path = op.path();
                    List<String> query = new ArrayList<>();
                    for (JsonNode parameter : op.node().path("parameters")) {
                        String name = parameter.path("name").asString();
                        String value = parameter.path("example").asString();
                        if (parameter.path("in").asString().equals("path")) {
                            path = path.replace("{" + name + "}", value);
                        } else if (parameter.path("required").asBoolean()) {
                            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                        }
                    }
                    Http.Response response = Http.get(gateway.url(path + (query.isEmpty() ? "" : "?" + String.join("&", query))),
                            gateway.token("viewer"));
                    String status = Integer.toString(response.status());

                    assertThat(op.node().path("responses").has(status)).as("%s answered undocumented %s: %s", op.path(), status,
                            response.body()).isTrue();
                    JsonNode content = op.jsonContent(status);
                    if (!content.isMissingNode()) {
                        assertThat(document.violations(content.path("schema"), response.json())).as(response.body()).isEmpty();
                    }
                }));
    }

    /**
     * Sends the example with its parameters and body. A token goes as Bearer, except a token of a role
     * the route does not admit, which goes in X-API-TOKEN: its 403 (not 401) shows that header is read too.
     */
    private static Http.Response send(Posted example, JsonNode body) {
        String path = example.operation().path();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : example.operation().node().path("parameters")) {
            String name = parameter.path("name").asString();
            String value = example.parameters().path(name).asString(parameter.path("example").asString(null));
            if (parameter.path("in").asString().equals("path")) {
                path = path.replace("{" + name + "}", value);
            } else if (value != null && (example.parameters().has(name) || parameter.path("required").asBoolean())) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path + (query.isEmpty() ? "" : "?" + String.join("&", query)))))
                .timeout(Duration.ofSeconds(15));
        if (!example.role().equals("none")) {
            String token = gateway.token(example.role().equals("bot") ? BOT : example.role());
            boolean wrongRole = example.name().equals(ApiExamples.WRONG_ROLE);
            request.header(wrongRole ? SecurityConfig.API_TOKEN_HEADER : "Authorization", wrongRole ? token : "Bearer " + token);
        }
        String method = example.operation().method();
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return Http.send(request.build());
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.root.at(ref.substring(1));
    }
}
