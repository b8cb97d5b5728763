package com.quantumedge.supervisor.gateway.security;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens generated for dev mode only, exposed as a bean so the launcher can write
 * {@code BOT_TOKEN}, {@code OPERATOR_TOKEN}, {@code VIEWER_TOKEN} and {@code BOT_ID} to
 * {@code .supervisor/local.env}. The gateway itself never writes or logs them.
 */
public record DevTokens(String botId, String botToken, String operatorToken, String viewerToken) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static DevTokens generate(String botId) {
        return new DevTokens(botId, random(), random(), random());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "DevTokens[botId=" + botId + ", tokens=<redacted>]";
    }
}
