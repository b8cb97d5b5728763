package com.quantumedge.supervisor.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.config.GatewayProperties.Role;

class TokenRegistryTest {

    private static GatewayProperties.Security security(String bot, String botId, Path file, List<GatewayProperties.TokenSpec> tokens) {
        return new GatewayProperties.Security(false, "dev", bot, botId, "", "", file, tokens);
    }

    @Test
    @DisplayName("a bot token resolves to a principal bound to its bot id")
    void botTokenIsBoundToItsBot() {
        TokenRegistry registry = TokenRegistry.from(security("bot-token-0123456789", "bot-7", null, List.of()), 100, Optional.empty());

        GatewayPrincipal p = registry.resolve("bot-token-0123456789").orElseThrow();
        assertThat(p.role()).isEqualTo(Role.BOT);
        assertThat(p.botId()).isEqualTo("bot-7");
    }

    @Test
    @DisplayName("a token that differs in one character, a prefix or an empty string resolves to nobody")
    void nearMissesResolveToNobody() {
        TokenRegistry registry = TokenRegistry.from(security("bot-token-0123456789", "bot-7", null, List.of()), 100, Optional.empty());

        assertThat(registry.resolve("bot-token-0123456788")).isEmpty();
        assertThat(registry.resolve("bot-token-012345678")).isEmpty();
        assertThat(registry.resolve("")).isEmpty();
        assertThat(registry.resolve(null)).isEmpty();
    }

    @Test
    @DisplayName("no tokens at all is refused")
    void noTokensRefused() {
        assertThatThrownBy(() -> TokenRegistry.from(security("", "", null, List.of()), 100, Optional.empty()))
                .hasMessageContaining("no API tokens configured");
    }

    @Test
    @DisplayName("tokens shorter than 16 characters are refused")
    void shortTokensRefused() {
        assertThatThrownBy(() -> TokenRegistry.from(security("short", "bot-1", null, List.of()), 100, Optional.empty()))
                .hasMessageContaining("shorter than 16");
    }

    @Test
    @DisplayName("the same token for two principals is refused")
    void duplicateTokensRefused() {
        List<GatewayProperties.TokenSpec> tokens = List.of(
                new GatewayProperties.TokenSpec("a", Role.VIEWER, "same-token-0123456789", null, null),
                new GatewayProperties.TokenSpec("b", Role.OPERATOR, "same-token-0123456789", null, null));

        assertThatThrownBy(() -> TokenRegistry.from(security("", "", null, tokens), 100, Optional.empty()))
                .hasMessageContaining("identical");
    }

    @Test
    @DisplayName("a secrets file gives roles, bot binding and per-token rate limits; comments are ignored")
    void secretsFile() throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "secrets", ".txt");
        Files.writeString(file, """
                # role name token [bot_id] [rps]
                bot qe-main bot-secret-0123456789 qe-main 50
                operator alice op-secret-0123456789
                """);

        TokenRegistry registry = TokenRegistry.from(security("", "", file, List.of()), 100, Optional.empty());

        assertThat(registry.resolve("bot-secret-0123456789")).hasValueSatisfying(p -> {
            assertThat(p.botId()).isEqualTo("qe-main");
            assertThat(p.requestsPerSecond()).isEqualTo(50);
        });
        assertThat(registry.resolve("op-secret-0123456789")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("alice"));
    }
}
