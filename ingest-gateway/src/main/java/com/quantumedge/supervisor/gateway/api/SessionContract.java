package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/v1/session}. */
public final class SessionContract {

    private SessionContract() {
    }

    @Schema(name = "Session", description = "Who the presented token is: what the operator console signs in with.")
    public record Session(
            @Schema(requiredMode = REQUIRED, allowableValues = {"viewer", "operator"}, example = "operator") String role,
            @Schema(requiredMode = REQUIRED, description = "The token's name in the gateway's configuration (never the token)",
                    example = "operator") String name,
            @Schema(requiredMode = REQUIRED, description = "Whether this token may post control commands and change limits")
            @JsonProperty("may_control") boolean mayControl) {
    }
}
