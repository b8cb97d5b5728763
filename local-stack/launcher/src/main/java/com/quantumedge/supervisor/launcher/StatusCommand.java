package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every bot is doing now, from the gateway's live views (viewer token). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Bots, trading state, heartbeat age, process state, PnL, exposure and the supervisor's firing alerts; "
                + "with --bot also each alert's summary, positions and limits.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    GatewayClient gateway;

    @Option(names = "--bot", description = "Only this bot, with its positions and the risk limits in force")
    String bot;

    @Option(names = "--json", description = "Print the gateway's answer as JSON")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        JsonNode status = gateway.get(bot == null ? "/api/v1/status" : "/api/v1/bots/" + bot);
        JsonNode limits = bot == null ? null : gateway.get("/api/v1/limits/" + URLEncoder.encode(bot, StandardCharsets.UTF_8));
        if (json) {
            out.println(limits == null ? status : ((ObjectNode) status.deepCopy()).set("limits", limits));
            return 0;
        }
        List<JsonNode> bots = new ArrayList<>();
        if (bot == null) {
            status.path("bots").forEach(bots::add);
            out.printf("kafka %s, %d bot(s) at %s%n", status.path("kafka").asText("?"), bots.size(), status.path("timestamp").asText());
        } else {
            bots.add(status);
        }
        out.printf("%-16s %-9s %-10s %-10s %12s %12s %12s %6s  %s%n",
                "BOT", "TRADING", "HEARTBEAT", "PROCESS", "PNL", "EQUITY", "GROSS EXP", "ORDERS", "ALERTS");
        for (JsonNode b : bots) {
            String id = b.path("bot_id").asText();
            out.printf("%-16s %-9s %-10s %-10s %12s %12s %12s %6s  %s%n", id,
                    b.path("trading_state").asText("?"), heartbeat(b), b.path("process_state").asText("?"),
                    number(b.path("total_pnl")), number(b.path("equity")), number(b.path("gross_exposure")),
                    b.path("open_orders").isNumber() ? b.path("open_orders").asText() : "-", alertNames(b));
            if (bot != null) {
                b.path("alerts").forEach(a -> out.printf("    alert %s %s since %s: %s%n", a.path("alertname").asText(),
                        a.path("severity").asText(), a.path("since").asText(), a.path("summary").asText()));
                b.path("positions").forEach(p -> out.printf("    %-12s qty %s @ %s  mark %s  exposure %s%n",
                        p.path("symbol").asText(), p.path("qty").asText(), number(p.path("avg_price")),
                        number(p.path("mark_price")), number(p.path("exposure"))));
                if (!b.path("state_reason").isNull() && !b.path("state_reason").isMissingNode()) {
                    out.printf("    state reason: %s%n", b.path("state_reason").asText());
                }
                LimitsCommand.print(out, limits, "    ");
            }
        }
        out.flush();
        return 0;
    }

    private static String heartbeat(JsonNode b) {
        JsonNode age = b.path("heartbeat_age_ms");
        return age.isNumber() ? String.format(Locale.ROOT, "%s %.0fs", b.path("heartbeat_status").asText(), age.asDouble() / 1000)
                : b.path("heartbeat_status").asText("missing");
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f", n.asDouble()) : "-";
    }

    /** The alerts firing for the bot (the gateway's view of the policy service's sup.alerts.v1), or "-". */
    private static String alertNames(JsonNode bot) {
        List<String> names = new ArrayList<>();
        bot.path("alerts").forEach(a -> names.add(a.path("alertname").asText()));
        return names.isEmpty() ? "-" : String.join(",", names);
    }
}
