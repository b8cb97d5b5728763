package com.quantumedge.supervisor.gateway.tsdb;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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
    public Map<String, Object> status() {
        return source.status();
    }
}
