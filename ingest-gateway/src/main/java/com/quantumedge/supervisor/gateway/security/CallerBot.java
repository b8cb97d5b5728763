package com.quantumedge.supervisor.gateway.security;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;

import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;

/** The bot a bot token may post for; a body naming another bot is refused with 403. */
public final class CallerBot {

    private CallerBot() {
    }

    public static GatewayPrincipal principal(Principal principal) {
        if (principal instanceof Authentication a && a.getPrincipal() instanceof GatewayPrincipal p) {
            return p;
        }
        if (principal instanceof GatewayPrincipal p) {
            return p;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "an API token is required", null);
    }

    /** The bot id of the token, checked against an optional {@code bot_id} in the body. */
    public static String botId(Principal principal, JsonBody body) {
        String own = principal(principal).botId();
        body.optionalString("bot_id", JsonBody.BOT_ID).ifPresent(claimed -> {
            if (!claimed.equals(own)) {
                throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN_BOT", "this token may only post for its own bot", "bot_id");
            }
        });
        return own;
    }
}
