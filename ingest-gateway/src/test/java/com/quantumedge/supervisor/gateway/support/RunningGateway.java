package com.quantumedge.supervisor.gateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.gateway.GatewayApplication;

/** A gateway started in-process on a random port against a given broker, with tokens the test knows. */
public final class RunningGateway implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Map<String, String> tokens;

    private RunningGateway(ConfigurableApplicationContext context, Map<String, String> tokens) {
        this.context = context;
        this.tokens = tokens;
    }

    /**
     * @param bots     bot ids, each gets a bot token named after it
     * @param extra    further {@code --name=value} arguments
     */
    public static RunningGateway start(String bootstrapServers, List<String> bots, String... extra) {
        Map<String, String> tokens = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--logging.structured.format.console=", "--spring.main.banner-mode=off"));
        int i = 0;
        for (String bot : bots) {
            String token = newToken();
            tokens.put(bot, token);
            args.add("--supervisor.gateway.security.tokens[" + i + "].name=bot-" + bot);
            args.add("--supervisor.gateway.security.tokens[" + i + "].role=BOT");
            args.add("--supervisor.gateway.security.tokens[" + i + "].token=" + token);
            args.add("--supervisor.gateway.security.tokens[" + i + "].bot-id=" + bot);
            i++;
        }
        tokens.put("operator", newToken());
        tokens.put("viewer", newToken());
        tokens.put("throttled", newToken());
        args.add("--supervisor.gateway.security.operator-token=" + tokens.get("operator"));
        args.add("--supervisor.gateway.security.viewer-token=" + tokens.get("viewer"));
        args.add("--supervisor.gateway.security.tokens[" + i + "].name=throttled-viewer");
        args.add("--supervisor.gateway.security.tokens[" + i + "].role=VIEWER");
        args.add("--supervisor.gateway.security.tokens[" + i + "].token=" + tokens.get("throttled"));
        args.add("--supervisor.gateway.security.tokens[" + i + "].requests-per-second=2");
        if (!bots.isEmpty()) {
            i++;
            tokens.put("throttled-bot", newToken());
            args.add("--supervisor.gateway.security.tokens[" + i + "].name=throttled-bot");
            args.add("--supervisor.gateway.security.tokens[" + i + "].role=BOT");
            args.add("--supervisor.gateway.security.tokens[" + i + "].token=" + tokens.get("throttled-bot"));
            args.add("--supervisor.gateway.security.tokens[" + i + "].bot-id=" + bots.get(0));
            args.add("--supervisor.gateway.security.tokens[" + i + "].requests-per-second=2");
        }
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context = SpringApplication.run(GatewayApplication.class, args.toArray(String[]::new));
        return new RunningGateway(context, tokens);
    }

    public static String newToken() {
        return "tok-" + UUID.randomUUID();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
    }

    public String token(String name) {
        return tokens.get(name);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
