package com.quantumedge.supervisor.gateway.console;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.gateway.api.SessionContract;
import com.quantumedge.supervisor.gateway.config.GatewayProperties.Role;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.security.GatewayPrincipal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/session}: the role behind a token, so the console offers only what that role may
 * do. Viewer and operator tokens only: a bot token is refused (403) like on every other read route.
 */
@RestController
@Tag(name = "viewer")
public class SessionController {

    @Operation(operationId = "session", summary = "Who this token is: role, name and whether it may control bots (viewer role)")
    @ApiResponse(responseCode = "200", description = "The token's role",
            content = @Content(schema = @Schema(implementation = SessionContract.Session.class)))
    @GetMapping(path = "/api/v1/session", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> session(Principal principal) {
        GatewayPrincipal caller = CallerBot.principal(principal);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", caller.role().name().toLowerCase(Locale.ROOT));
        out.put("name", caller.name());
        out.put("may_control", caller.role() == Role.OPERATOR);
        return out;
    }
}
