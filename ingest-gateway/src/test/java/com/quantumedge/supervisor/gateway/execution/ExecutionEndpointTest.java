package com.quantumedge.supervisor.gateway.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.schemas.Topics;

class ExecutionEndpointTest {

    private final RunningGateway gateway = SharedGateway.get();

    @Test
    @DisplayName("a fill is accepted with 202 and published on qe.executions.v1 with its exec_id")
    void fillIsPublished() {
        String execId = "fill-" + System.nanoTime();
        String body = """
                {"exec_id": "%s", "exec_type": "FILL", "symbol": "BTCUSDT", "side": "BUY", "qty": 0.01, "price": 97010.5,
                 "fee": 0.39, "fee_asset": "USDT", "leaves_qty": 0, "client_order_id": "c-42"}
                """.formatted(execId);

        Http.Response response = Http.postJson(gateway.url("/api/v1/executions"), gateway.token(SharedGateway.BOT), body);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().get("exec_id").asString()).isEqualTo(execId);
        Execution published = TopicRecords.read(Topics.EXECUTIONS, SharedGateway.BOT,
                l -> l.stream().anyMatch(e -> e.getExecId().equals(execId)), Duration.ofSeconds(20))
                .stream().filter(e -> e.getExecId().equals(execId)).findFirst().orElseThrow();
        assertThat(published.getExecType()).isEqualTo(ExecType.FILL);
        assertThat(published.getPrice()).isEqualTo(97010.5);
        assertThat(published.getQty()).isEqualTo(0.01);
        assertThat(published.getClientOrderId()).isEqualTo("c-42");
    }

    @Test
    @DisplayName("a cancel needs no price and keeps its reason")
    void cancelWithoutPrice() {
        String execId = "cancel-" + System.nanoTime();
        Http.Response response = Http.postJson(gateway.url("/api/v1/executions"), gateway.token(SharedGateway.BOT),
                "{\"exec_id\":\"" + execId + "\",\"exec_type\":\"CANCEL\",\"symbol\":\"BTCUSDT\",\"side\":\"SELL\",\"qty\":0.5,\"reason\":\"user\"}");

        assertThat(response.status()).isEqualTo(202);
    }
}
