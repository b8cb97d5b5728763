package com.quantumedge.supervisor.gateway.tsdb;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.gateway.api.TsdbContract;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/v1/tsdb/status} (viewer role). */
@RestController
@Tag(name = "viewer")
public class TsdbStatusController {

    private final TsdbStatusSource source;

    public TsdbStatusController(TsdbStatusSource source) {
        this.source = source;
    }

    @Operation(operationId = "tsdbStatus", summary = "Time-series store status (viewer role)")
    @ApiResponse(responseCode = "200", description = "Whether a store is configured and how it is doing",
            content = @Content(schema = @Schema(implementation = TsdbContract.Status.class)))
    @GetMapping(path = "/api/v1/tsdb/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> status() {
        // The ClickHouse-backed source pings ClickHouse and asks Kafka for lag: blocking calls.
        return Mono.fromCallable(source::status).subscribeOn(Schedulers.boundedElastic());
    }
}
