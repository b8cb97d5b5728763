package com.quantumedge.supervisor.gateway.views;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.gateway.api.ViewsContract;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The supervisor's alerts firing now, as the policy service keeps them on {@code sup.alerts.v1} and
 * pages them through Alertmanager: what the console shows beside each bot. Viewer role.
 */
@RestController
@Tag(name = "viewer")
public class AlertsController {

    private final LiveViews views;

    public AlertsController(LiveViews views) {
        this.views = views;
    }

    @Operation(operationId = "alerts", summary = "The supervisor's alerts firing now, or one bot's with ?bot_id= (viewer role)",
            description = "From sup.alerts.v1 as this gateway's views hold it: the conditions the policy service pages for "
                    + "(BotHalted, BotCrashLoop, ...), each until it clears. bot_id * is the supervisor's own (DeadLetters).")
    @ApiResponse(responseCode = "200", description = "The firing alerts, by bot and oldest first",
            content = @Content(schema = @Schema(implementation = ViewsContract.Alerts.class)))
    @ApiResponse(responseCode = "400", description = "bot_id is not a bot id")
    @GetMapping(path = "/api/v1/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> alerts(@Parameter(description = "one bot only", example = "bot-1")
            @RequestParam(name = "bot_id", required = false) String botId) {
        if (botId != null && !botId.equals("*") && !JsonBody.BOT_ID.matcher(botId).matches()) {
            throw ApiException.badRequest("INVALID_VALUE", "bot_id", "bot_id does not match " + JsonBody.BOT_ID.pattern());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.now().toString());
        out.put("alerts", (botId == null ? views.firingAlerts() : views.firingAlerts(botId)).stream().map(AlertView::full).toList());
        return out;
    }
}
