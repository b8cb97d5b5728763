package com.quantumedge.supervisor.gateway.api;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The one error shape of every refusal, as {@code web.ErrorBody} writes it. */
public final class ErrorContract {

    private ErrorContract() {
    }

    @Schema(name = "ErrorBody", description = "Every 4xx and 5xx answer of the gateway.")
    public record Body(@Schema(requiredMode = RequiredMode.REQUIRED) Detail error) {
    }

    @Schema(name = "ErrorDetail")
    public record Detail(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "MISSING_FIELD", description = "Machine-readable reason: "
                    + "EMPTY_BODY, MALFORMED_JSON, MISSING_FIELD, INVALID_TYPE, INVALID_VALUE, NOT_FINITE, UNKNOWN_FIELD, INVALID_REQUEST (400); "
                    + "UNAUTHORIZED (401); FORBIDDEN, FORBIDDEN_BOT (403); UNKNOWN_COMMAND, UNKNOWN_BOT, NO_SNAPSHOT (404); "
                    + "METHOD_NOT_ALLOWED (405); NOT_ACCEPTABLE (406); VERSION_CONFLICT (409); BODY_TOO_LARGE (413); UNSUPPORTED_MEDIA_TYPE (415); "
                    + "RATE_LIMITED (429); INTERNAL_ERROR, KAFKA_NOT_AUTHORIZED (500); BROKER_UNAVAILABLE, TSDB_NOT_CONFIGURED, VIEWS_NOT_READY, "
                    + "LIMITS_NOT_READY (503)") String code,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "symbol is required",
                    description = "For people; wording may change") String message,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = {"string", "null"}, example = "symbol",
                    description = "The offending input: a body field (nested as positions[0].qty), a query or path parameter, "
                            + "or a header (Content-Type, Accept); null when no single input is at fault") String field) {
    }

}
