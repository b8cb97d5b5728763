package com.quantumedge.supervisor.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

class StartupModesTest {

    private static String[] args(String... extra) {
        String[] base = {"--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=", "--supervisor.gateway.security.bot-token=",
                "--supervisor.gateway.security.operator-token=", "--supervisor.gateway.security.viewer-token="};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    @DisplayName("without any token and without dev mode the gateway refuses to start")
    void refusesToStartWithoutTokens() {
        assertThatThrownBy(() -> SpringApplication.run(GatewayApplication.class, args()).close())
                .hasStackTraceContaining("no API tokens configured");
    }

    @Test
    @DisplayName("dev mode generates tokens, exposes them as a DevTokens bean, and they work for their roles")
    void devModeGeneratesWorkingTokens() {
        try (ConfigurableApplicationContext context = SpringApplication.run(GatewayApplication.class,
                args("--supervisor.gateway.security.dev-mode=true", "--supervisor.gateway.security.dev-bot-id=dev-bot"))) {
            DevTokens tokens = context.getBean(DevTokens.class);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();

            assertThat(tokens.botId()).isEqualTo("dev-bot");
            assertThat(tokens.toString()).doesNotContain(tokens.botToken());
            assertThat(Http.postJson(base + "/api/v1/heartbeat", tokens.botToken(), "{\"uptime_s\":1}").status()).isEqualTo(200);
            assertThat(Http.get(base + "/api/v1/status", tokens.viewerToken()).status()).isEqualTo(200);
            assertThat(Http.postJson(base + "/api/v1/control/halt", tokens.operatorToken(),
                    "{\"bot_id\":\"dev-bot\",\"reason\":\"drill\",\"allow_unknown_bot\":true}").status()).isEqualTo(202);
            assertThat(Http.get(base + "/actuator/prometheus", tokens.viewerToken()).body()).contains("service=\"ingest-gateway\"");
        }
    }
}
