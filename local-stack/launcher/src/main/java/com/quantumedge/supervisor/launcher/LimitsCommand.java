package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The risk limits in force and their changes, through the gateway's limits API: {@code show} reads them
 * (viewer token), {@code set} changes the defaults, a bot or one of their symbols (operator token),
 * audited as a RISK_LIMITS_CHANGED event with your identity and reason.
 */
@Command(name = "limits", mixinStandardHelpOptions = true,
        description = "Show or change risk limits (each with its value, source and version).",
        subcommands = {LimitsCommand.Show.class, LimitsCommand.Set.class})
final class LimitsCommand implements Runnable {

    PrintStream out = System.out;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The limits in force: the defaults and every bot, or one bot (per symbol with --symbol).")
    static final class Show implements Callable<Integer> {

        @Mixin
        GatewayClient gateway;

        @Option(names = "--bot", description = "Only this bot, with every symbol that has an override")
        String bot;

        @Option(names = "--symbol", description = "With --bot: the limits of this symbol too, override or not")
        String symbol;

        @Option(names = "--json", description = "Print the gateway's answer as JSON")
        boolean json;

        @ParentCommand
        LimitsCommand parent;

        @Override
        public Integer call() {
            PrintStream out = parent.out;
            if (symbol != null && bot == null) {
                throw new IllegalArgumentException("--symbol needs --bot");
            }
            JsonNode answer = gateway.get(bot == null ? "/api/v1/limits"
                    : "/api/v1/limits/" + encode(bot) + (symbol == null ? "" : "?symbol=" + encode(symbol)));
            if (json) {
                out.println(answer);
            } else if (bot == null) {
                print(out, answer.path("defaults"), "");
                answer.path("bots").forEach(b -> print(out, b, ""));
            } else {
                print(out, answer, "");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change limits: key=value with a number, 'off' (check disabled) or 'null' (inherit). "
                    + "Names as in 'limits show', e.g. max_order_qty=5 max_daily_loss=off max_leverage=null.")
    static final class Set implements Callable<Integer> {

        @Mixin
        GatewayClient gateway;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--bot", required = true, description = "The bot whose limits change")
            String bot;

            @Option(names = "--defaults", required = true, description = "Change the defaults every bot inherits")
            boolean defaults;
        }

        @Option(names = "--symbol", description = "Change the per-symbol override of this symbol")
        String symbol;

        @Option(names = "--reason", required = true, description = "Why (recorded with your identity)")
        String reason;

        @Option(names = "--expected-version", description = "Refuse (409) unless the record is still at this version")
        Long expectedVersion;

        @Option(names = "--json", description = "Print the gateway's answer as JSON")
        boolean json;

        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "Limits to change")
        List<String> assignments;

        @ParentCommand
        LimitsCommand parent;

        @Override
        public Integer call() {
            PrintStream out = parent.out;
            // The gateway's body: reason, expected_version, then the limits by name at the top level.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reason", reason);
            if (expectedVersion != null) {
                body.put("expected_version", expectedVersion);
            }
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected KEY=VALUE, got '" + assignment + "'");
                }
                String name = assignment.substring(0, eq).strip().replace('-', '_');
                if (body.containsKey(name) || name.equals("expected_version")) {
                    throw new IllegalArgumentException(name.equals("reason") || name.equals("expected_version")
                            ? "set " + name + " with --" + name.replace('_', '-') : name + " is given twice");
                }
                body.put(name, value(assignment.substring(eq + 1).strip()));
            }
            String key = target.defaults ? "defaults" : encode(target.bot);
            String path = "/api/v1/limits/" + key + (symbol == null ? "" : "/symbols/" + encode(symbol));
            GatewayClient.Reply reply = gateway.put(path, body, "OPERATOR_TOKEN");
            if (json) {
                out.println(reply.body());
            } else if (reply.ok()) {
                JsonNode r = reply.body();
                out.printf("changed limits of %s%s: version %s (was %s)%n", target.defaults ? "the defaults" : target.bot,
                        symbol == null ? "" : " for " + symbol, r.path("version").asText(),
                        r.path("previous_version").isNull() ? "none" : r.path("previous_version").asText());
                r.path("changes").properties().forEach(c -> out.printf("  %-28s %s -> %s%n", c.getKey(),
                        shown(c.getValue().path("old")), shown(c.getValue().path("new"))));
            } else {
                out.printf("refused (%d) %s%n", reply.status(), reply.error());
            }
            out.flush();
            return reply.ok() ? 0 : 1;
        }

        /**
         * A number, off, or null (inherit); anything else, NaN and infinities included, goes as text for the
         * gateway to refuse by name.
         */
        static Object value(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("null") || lower.equals("inherit")) {
                return null;
            }
            if (lower.equals("off") || lower.equals("true") || lower.equals("false")) {
                return lower.equals("off") ? "off" : Boolean.valueOf(lower);
            }
            try {
                if (text.matches("-?\\d{1,18}")) {
                    return Long.parseLong(text);
                }
                double number = Double.parseDouble(text);
                return Double.isFinite(number) ? (Object) number : text;
            } catch (NumberFormatException e) {
                return text;
            }
        }
    }

    /** One limits answer of the gateway (the defaults or a bot) as a table; {@code indent} prefixes every line. */
    static void print(PrintStream out, JsonNode limits, String indent) {
        String key = limits.path("bot_id").asText();
        JsonNode off = limits.path("disabled_checks");
        out.printf("%s%s (defaults v%s, bot v%s); checks off: %s%n", indent, "*".equals(key) ? "defaults" : "limits of " + key,
                limits.path("defaults_version").asText("0"), limits.path("bot_version").asText("0"),
                off.path("checks").isEmpty() ? "none"
                        : shown(off.path("checks")) + " (" + off.path("source").asText() + " v" + off.path("version").asText() + ")");
        rows(out, limits.path("limits"), indent + "  ");
        limits.path("symbols").properties().forEach(s -> {
            out.printf("%s  %s%n", indent, s.getKey());
            rows(out, s.getValue(), indent + "    ");
        });
    }

    private static void rows(PrintStream out, JsonNode limits, String indent) {
        limits.properties().forEach(l -> {
            JsonNode limit = l.getValue();
            String status = limit.path("status").asText();
            out.printf("%s%-30s %-12s %-15s v%-4s %s%n", indent, l.getKey(), "off".equals(status) ? "off" : shown(limit.path("value")),
                    limit.path("source").asText(), limit.path("version").asText("0"), "in_force".equals(status) || "off".equals(status) ? "" : status);
        });
    }

    /** A value as a person reads it: the number without a needless .0, a list comma-separated, - for none. */
    static String shown(JsonNode value) {
        if (value.isNumber()) {
            double v = value.asDouble();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(i -> items.add(i.asText()));
            return String.join(",", items);
        }
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
