package com.quantumedge.supervisor.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.config.GatewayProperties.Role;
import com.quantumedge.supervisor.gateway.web.JsonBody;

/**
 * The configured tokens, held only as SHA-256 digests. A lookup compares the presented token's digest
 * with every entry in constant time and without stopping at the first match, so response time says
 * nothing about which or how much of a token matched.
 */
public final class TokenRegistry {

    private record Entry(byte[] digest, GatewayPrincipal principal) {
    }

    private final List<Entry> entries;

    private TokenRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Tokens from the simple properties (env BOT_TOKEN …), the token list and the secrets file, plus
     * the dev tokens when given. Refuses an empty set: the gateway does not run open.
     */
    public static TokenRegistry from(GatewayProperties.Security security, int defaultRate, Optional<DevTokens> dev) {
        List<Entry> entries = new ArrayList<>();
        if (!security.botToken().isBlank()) {
            require(JsonBody.BOT_ID.matcher(security.botId()).matches(),
                    "supervisor.gateway.security.bot-id is required with bot-token and must match " + JsonBody.BOT_ID.pattern());
            entries.add(entry(security.botToken(), new GatewayPrincipal("bot:" + security.botId(), Role.BOT, security.botId(), defaultRate)));
        }
        if (!security.operatorToken().isBlank()) {
            entries.add(entry(security.operatorToken(), new GatewayPrincipal("operator", Role.OPERATOR, null, defaultRate)));
        }
        if (!security.viewerToken().isBlank()) {
            entries.add(entry(security.viewerToken(), new GatewayPrincipal("viewer", Role.VIEWER, null, defaultRate)));
        }
        for (GatewayProperties.TokenSpec spec : security.tokens()) {
            entries.add(entry(spec.token(), principal(spec.name(), spec.role(), spec.botId(), spec.requestsPerSecond(), defaultRate)));
        }
        if (security.secretsFile() != null) {
            entries.addAll(readSecretsFile(security.secretsFile(), defaultRate));
        }
        dev.ifPresent(d -> {
            entries.add(entry(d.botToken(), new GatewayPrincipal("dev-bot:" + d.botId(), Role.BOT, d.botId(), defaultRate)));
            entries.add(entry(d.operatorToken(), new GatewayPrincipal("dev-operator", Role.OPERATOR, null, defaultRate)));
            entries.add(entry(d.viewerToken(), new GatewayPrincipal("dev-viewer", Role.VIEWER, null, defaultRate)));
        });
        require(!entries.isEmpty(), "no API tokens configured: set supervisor.gateway.security.* tokens (or BOT_TOKEN, "
                + "OPERATOR_TOKEN, VIEWER_TOKEN), a secrets-file, or explicitly supervisor.gateway.security.dev-mode=true");
        long distinct = entries.stream().map(e -> new String(e.digest(), StandardCharsets.ISO_8859_1)).distinct().count();
        require(distinct == entries.size(), "two configured tokens are identical; every principal needs its own token");
        return new TokenRegistry(entries);
    }

    public Optional<GatewayPrincipal> resolve(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        GatewayPrincipal found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), presented)) {
                found = e.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    /**
     * Secrets file: one token per line, {@code <role> <name> <token> [bot_id] [requests_per_second]},
     * whitespace-separated; blank lines and {@code #} comments ignored.
     */
    static List<Entry> readSecretsFile(Path file, int defaultRate) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secrets file " + file, e);
        }
        List<Entry> out = new ArrayList<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            require(parts.length >= 3, "secrets file " + file + " line " + number + ": expected <role> <name> <token> [bot_id] [rps]");
            Role role;
            try {
                role = Role.valueOf(parts[0].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("secrets file " + file + " line " + number + ": unknown role " + parts[0]);
            }
            String botId = parts.length > 3 ? parts[3] : null;
            Integer rate = parts.length > 4 ? Integer.valueOf(parts[4]) : null;
            out.add(entry(parts[2], principal(parts[1], role, botId, rate, defaultRate)));
        }
        return out;
    }

    private static GatewayPrincipal principal(String name, Role role, String botId, Integer rate, int defaultRate) {
        if (role == Role.BOT) {
            require(botId != null && JsonBody.BOT_ID.matcher(botId).matches(), "bot token '" + name + "' needs a valid bot id");
        }
        require(rate == null || rate > 0, "token '" + name + "': requests per second must be positive");
        return new GatewayPrincipal(name, role, role == Role.BOT ? botId : null, rate == null ? defaultRate : rate);
    }

    private static Entry entry(String token, GatewayPrincipal principal) {
        require(token.length() >= 16, "token of '" + principal.name() + "' is shorter than 16 characters");
        return new Entry(sha256(token), principal);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
