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

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document is the contract: every request example it shows, posted to a running gateway (with a
 * stand-in risk engine for order checks), gets the status of the response that shows the same-named
 * answer, a body valid against that response's schema and, for errors, the documented code and field.
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

    record Posted(ApiDocument.Operation operation, String name, JsonNode request, String status, JsonNode answer) {
    }

    /** Every request example, with the response that shows the answer of the same name. */
    private static List<Posted> examples() {
        List<Posted> out = new ArrayList<>();
        for (ApiDocument.Operation op : document.operations()) {
            JsonNode examples = op.node().path("requestBody").path("content").path("application/json").path("examples");
            for (Map.Entry<String, JsonNode> example : examples.properties()) {
                List<String> statuses = new ArrayList<>();
                for (Map.Entry<String, JsonNode> response : op.node().path("responses").properties()) {
                    if (!op.jsonContent(response.getKey()).path("examples").path(example.getKey()).isMissingNode()) {
                        statuses.add(response.getKey());
                    }
                }
                assertThat(statuses).as("responses showing the answer to example %s of %s", example.getKey(), op.id()).hasSize(1);
                String status = statuses.get(0);
                out.add(new Posted(op, example.getKey(), example.getValue(), status,
                        op.jsonContent(status).path("examples").path(example.getKey()).path("value")));
            }
        }
        return out;
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
    @DisplayName("each request example gets its documented status and an answer valid against the documented schema")
    Stream<DynamicTest> examplesAreAnsweredAsDocumented() {
        return examples().stream().map(example -> DynamicTest.dynamicTest(example.operation().id() + " " + example.name(), () -> {
            Http.Response response = post(example.operation(), example.request(), example.request().path("value"));
            JsonNode answer = response.json();

            assertThat(Integer.toString(response.status())).as(response.body()).isEqualTo(example.status());
            JsonNode schema = example.operation().jsonContent(example.status()).path("schema");
            assertThat(document.violations(schema, answer)).as("answer %s", response.body()).isEmpty();
            assertThat(document.violations(schema, example.answer())).as("documented answer").isEmpty();
            if (example.status().startsWith("2")) {
                JsonNode requestSchema = example.operation().node().path("requestBody").path("content").path("application/json")
                        .path("schema");
                assertThat(document.violations(requestSchema, example.request().path("value"))).as("documented request").isEmpty();
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
            if (!example.status().startsWith("2") || tests.stream().anyMatch(t -> t.getDisplayName().startsWith(example.operation().id() + " "))) {
                continue;
            }
            JsonNode schema = resolve(example.operation().node().path("requestBody").path("content").path("application/json").path("schema"));
            for (JsonNode required : schema.path("required")) {
                String field = required.asString();
                tests.add(DynamicTest.dynamicTest(example.operation().id() + " without " + field, () -> {
                    ObjectNode body = (ObjectNode) example.request().path("value").deepCopy();
                    body.remove(field);
                    Http.Response response = post(example.operation(), example.request(), body);

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

    private static Http.Response post(ApiDocument.Operation op, JsonNode example, JsonNode body) {
        String path = op.path();
        for (JsonNode parameter : op.node().path("parameters")) {
            String name = parameter.path("name").asString();
            String value = example.path("x-path-parameters").path(name).asString(parameter.path("example").asString());
            path = path.replace("{" + name + "}", value);
        }
        String token = op.node().path("tags").get(0).asString().equals("operator") ? gateway.token("operator") : gateway.token(BOT);
        return Http.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(op.method(), HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.root.at(ref.substring(1));
    }
}
