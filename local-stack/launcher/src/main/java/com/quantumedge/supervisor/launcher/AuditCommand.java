package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The daily audit report (markdown) of one bot, or of every bot the gateway knows, from ClickHouse. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Print the daily audit report (trades, win rate, PnL, decisions by code, halts, restarts) as markdown.")
final class AuditCommand implements Callable<Integer> {

    @Mixin
    GatewayClient gateway;

    @Option(names = "--date", description = "Trading day, yyyy-MM-dd (default: today, UTC)")
    LocalDate date;

    @Option(names = "--bot", description = "Bot id (default: every bot the gateway knows)")
    String bot;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        LocalDate day = date == null ? LocalDate.now(ZoneOffset.UTC) : date;
        if (bot != null) {
            out.println(report(bot, day));
        } else {
            JsonNode status = gateway.get("/api/v1/status");
            for (JsonNode b : status.path("bots")) {
                out.println(report(b.path("bot_id").asText(), day));
            }
        }
        out.flush();
        return 0;
    }

    private String report(String botId, LocalDate day) {
        return gateway.getText("/api/v1/history/audit?bot_id=" + URLEncoder.encode(botId, StandardCharsets.UTF_8) + "&date=" + day);
    }
}
