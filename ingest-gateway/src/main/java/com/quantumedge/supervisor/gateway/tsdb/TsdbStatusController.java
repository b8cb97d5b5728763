package com.quantumedge.supervisor.gateway.tsdb;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /api/v1/tsdb/status} (viewer role). */
@RestController
public class TsdbStatusController {

    private final TsdbStatusSource source;

    public TsdbStatusController(TsdbStatusSource source) {
        this.source = source;
    }

    @Operation(summary = "Time-series store status (viewer role)")
    @GetMapping(path = "/api/v1/tsdb/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> status() {
        // The ClickHouse-backed source pings ClickHouse and asks Kafka for lag: blocking calls.
        return Mono.fromCallable(source::status).subscribeOn(Schedulers.boundedElastic());
    }
}
