package com.quantumedge.supervisor.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

import tools.jackson.databind.JsonNode;

/** Two replicas on one broker, interleaving order checks for the same bots: each gets its own answers. */
class TwoGatewayInstancesTest {

    private static final String BOT_A = SharedKafkaBroker.uniqueName("bot");
    private static final String BOT_B = SharedKafkaBroker.uniqueName("bot");
    private static RunningGateway first;
    private static RunningGateway second;
    private static TestRiskResponder responder;

    @BeforeAll
    static void start() {
        String bootstrap = SharedKafkaBroker.bootstrapServers();
        first = RunningGateway.start(bootstrap, List.of(BOT_A, BOT_B), "--supervisor.gateway.instance-id=gw-first",
                "--supervisor.gateway.order-check.timeout=3s");
        second = RunningGateway.start(bootstrap, List.of(BOT_A, BOT_B), "--supervisor.gateway.instance-id=gw-second",
                "--supervisor.gateway.order-check.timeout=3s");
        responder = TestRiskResponder.start(bootstrap, Set.of(BOT_A, BOT_B));
    }

    @AfterAll
    static void stop() {
        responder.close();
        second.close();
        first.close();
    }

    @Test
    @DisplayName("concurrent checks through two gateways for the same bots are each answered with their own decision")
    void eachInstanceGetsItsOwnReplies() {
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RunningGateway gateway = i % 2 == 0 ? first : second;
            String bot = i % 4 < 2 ? BOT_A : BOT_B;
            String clientOrderId = (i % 2 == 0 ? "first-" : "second-") + i;
            double qty = i % 3 == 0 ? 50 : 1;
            expected.add(clientOrderId + (qty > 10 ? ":QTY_EXCEEDS_MAX" : ":OK"));
            answers.add(CompletableFuture.supplyAsync(() -> Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(bot),
                    OrderCheckEndpointTest.order(clientOrderId, qty)).json()));
        }

        List<String> got = answers.stream().map(CompletableFuture::join)
                .map(j -> j.get("client_order_id").asString() + ":" + j.get("code").asString()).toList();
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(answers.stream().map(CompletableFuture::join).map(j -> j.get("reason").asString()).toList())
                .allSatisfy(reason -> assertThat(reason).startsWith("answer to "));
    }
}
