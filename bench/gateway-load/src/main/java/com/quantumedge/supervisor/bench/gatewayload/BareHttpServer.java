package com.quantumedge.supervisor.bench.gatewayload;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The floor of the heartbeat path: Reactor Netty (the server under WebFlux) on its own, reading the
 * body and answering a heartbeat-sized JSON, with no Spring, security, validation or Kafka.
 */
final class BareHttpServer implements AutoCloseable {

    private static final String ANSWER = "{\"heartbeat_status\":\"ok\",\"last_heartbeat_time\":\"2026-11-24T08:00:00.000Z\","
            + "\"bot_id\":\"bench-bot\",\"event_id\":\"00000000-0000-0000-0000-000000000000\",\"halted\":false,"
            + "\"llm_paused\":false,\"risk_multiplier\":1.0,\"trading_state\":\"ACTIVE\"}";

    private final LoopResources loops;
    private final DisposableServer server;

    private BareHttpServer(LoopResources loops, DisposableServer server) {
        this.loops = loops;
        this.server = server;
    }

    static BareHttpServer start() {
        LoopResources loops = LoopResources.create("bare-http", Runtime.getRuntime().availableProcessors(), true);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
                        .flatMap(body -> response.header("Content-Type", "application/json").sendString(Mono.just(ANSWER)).then()))
                .bindNow();
        return new BareHttpServer(loops, server);
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/api/v1/heartbeat";
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }
}
