package com.quantumedge.supervisor.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.quantumedge.supervisor.gateway.support.KnownBots;
import com.quantumedge.supervisor.gateway.support.RawHttpConnection;
import com.quantumedge.supervisor.gateway.support.RawHttpConnection.Framing;
import com.quantumedge.supervisor.gateway.support.RawHttpConnection.Request;
import com.quantumedge.supervisor.gateway.support.RawHttpConnection.Response;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/**
 * Refusals answered before the request body is read (415, 413 from Content-Length), while it is read
 * (413 of a chunked body cut off at the limit) and after it (400 bad JSON) leave a keep-alive
 * connection usable: the requests after them on the same connection are read whole and answered, in
 * order. A raw socket client, so that everything goes over exactly one connection.
 */
class KeepAliveAfterRefusalTest {

    private static final String BOT = SharedKafkaBroker.uniqueName("keepalive-bot");
    private static final int MAX_BODY = 8192;
    private static final String TOO_LARGE = "{\"uptime_s\": 1, \"pad\": \"" + "x".repeat(MAX_BODY + 100) + "\"}";
    private static final Duration NO_ANSWER = Duration.ofSeconds(10);
    private static RunningGateway gateway;
    private static TestRiskResponder responder;

    /** A route set: requests the gateway accepts, and the route the refusals go to. */
    enum Lane {
        BOT_LANE(i -> switch (i % 3) {
            case 0 -> new Valid("/api/v1/heartbeat", "{\"uptime_s\": " + i + "}", 200, null);
            case 1 -> new Valid("/api/v1/risk/evaluate", "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"order_type\":\"MARKET\","
                    + "\"quantity\":1,\"client_order_id\":\"ka-" + i + "\"}", 200, "ka-" + i);
            default -> new Valid("/api/v1/executions", "{\"exec_id\":\"ka-" + i + "-" + BOT + "\",\"exec_type\":\"CANCEL\","
                    + "\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"qty\":1}", 202, "ka-" + i + "-" + BOT);
        }, new String[] {"/api/v1/heartbeat", "/api/v1/risk/evaluate", "/api/v1/executions"}, BOT),
        SPRING_CONTROL(i -> new Valid("/api/v1/control/set-risk-multiplier",
                "{\"bot_id\":\"" + BOT + "\",\"reason\":\"keep-alive test " + i + "\",\"multiplier\":" + (i % 10) + "}", 202, null),
                new String[] {"/api/v1/control/halt", "/api/v1/control/set-risk-multiplier"}, "operator");

        final IntFunction<Valid> valid;
        final String[] refusedPaths;
        final String token;

        Lane(IntFunction<Valid> valid, String[] refusedPaths, String token) {
            this.valid = valid;
            this.refusedPaths = refusedPaths;
            this.token = token;
        }
    }

    record Valid(String path, String body, int status, String echo) {
    }

    /** One request of the sequence and the answer it must get. */
    record Step(Request request, int status, String code, String echo) {
    }

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(SharedKafkaBroker.bootstrapServers(), List.of(BOT),
                "--supervisor.gateway.limits.max-body-bytes=" + MAX_BODY,
                "--supervisor.gateway.limits.requests-per-second=1000000",
                "--supervisor.gateway.order-check.timeout=2s");
        responder = TestRiskResponder.start(SharedKafkaBroker.bootstrapServers(), Set.of(BOT));
        KnownBots.writeHeartbeat(BOT); // control commands for a bot the gateway has not seen yet are refused
        KnownBots.awaitKnown(gateway, BOT);
    }

    @AfterAll
    static void stop() {
        responder.close();
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    @DisplayName("1,000 requests on one connection alternating 415, 400 and 413 refusals with valid requests are all answered, in order")
    void everyRequestAfterARefusalIsAnsweredOnTheSameConnection(Lane lane) throws IOException {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            steps.add(step(lane, i, false));
        }
        try (RawHttpConnection connection = RawHttpConnection.open(gateway.url(""), NO_ANSWER, Duration.ofSeconds(1))) {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                Response answer = exchange(connection, step, i);
                assertThat(answer.closes()).as("request %d closed the connection", i).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Lane.class)
    @DisplayName("with Expect: 100-continue, a refusal answered before the body either closes the connection or the next request is still answered")
    void refusalsOfRequestsExpectingContinueNeverMisframeTheNextRequest(Lane lane) throws IOException {
        RawHttpConnection connection = RawHttpConnection.open(gateway.url(""), NO_ANSWER, Duration.ofSeconds(1));
        try {
            for (int i = 0; i < 48; i++) {
                Step step = step(lane, i, true);
                Response answer = exchange(connection, step, i);
                if (answer.closes()) {
                    assertThat(connection.closedByServer(NO_ANSWER)).as("request %d announced close", i).isTrue();
                    connection.close();
                    connection = RawHttpConnection.open(gateway.url(""), NO_ANSWER, Duration.ofSeconds(1));
                }
            }
        } finally {
            connection.close();
        }
    }

    private static Response exchange(RawHttpConnection connection, Step step, int index) throws IOException {
        Response answer;
        try {
            answer = connection.exchange(step.request());
        } catch (IOException e) {
            throw new AssertionError("request " + index + " (" + describe(step) + ") got no answer: " + e.getMessage(), e);
        }
        assertThat(answer.status()).as("status of request %d (%s): %s", index, describe(step), answer.body()).isEqualTo(step.status());
        if (step.code() != null) {
            assertThat(answer.json().at("/error/code").asString()).as("error code of request %d", index).isEqualTo(step.code());
        }
        if (step.echo() != null) {
            assertThat(answer.body()).as("answer %d is to its own request", index).contains(step.echo());
        }
        return answer;
    }

    /** Valid, 415, valid, 400, valid, 413; framing alternates every six requests. */
    private static Step step(Lane lane, int i, boolean expectContinue) {
        Framing framing = (i / 6) % 2 == 0 ? Framing.CONTENT_LENGTH : Framing.CHUNKED;
        String refused = lane.refusedPaths[(i / 6) % lane.refusedPaths.length];
        String token = gateway.token(lane.token);
        Map<String, String> json = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
        return switch (i % 6) {
            case 1 -> new Step(new Request("POST", refused, Map.of("Authorization", "Bearer " + token, "Content-Type", "text/plain"),
                    "{\"uptime_s\": 1}", framing, expectContinue), 415, "UNSUPPORTED_MEDIA_TYPE", null);
            case 3 -> new Step(new Request("POST", refused, json, "{uptime_s: 1", framing, expectContinue), 400, "MALFORMED_JSON", null);
            case 5 -> new Step(new Request("POST", refused, json, TOO_LARGE, framing, expectContinue), 413, "BODY_TOO_LARGE", null);
            default -> {
                Valid v = lane.valid.apply(i);
                yield new Step(new Request("POST", v.path(), json, v.body(), framing, expectContinue), v.status(), null, v.echo());
            }
        };
    }

    private static String describe(Step step) {
        Request r = step.request();
        return r.path() + " " + r.framing() + (r.expectContinue() ? " expect-100" : "") + " expecting " + step.status();
    }
}
