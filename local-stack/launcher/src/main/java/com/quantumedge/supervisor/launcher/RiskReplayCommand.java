package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.risk.book.AppliedExecutions;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.Outcome;
import com.quantumedge.supervisor.risk.book.RiskBook;
import com.quantumedge.supervisor.risk.checks.RiskEngine;
import com.quantumedge.supervisor.risk.limits.EffectiveLimits;
import com.quantumedge.supervisor.risk.account.BotRiskState;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.json.AvroJson;

/**
 * Replays recorded order checks, executions, heartbeats and operator commands through the risk
 * engine (the same {@code RiskBook} the stream runs) with the recorded limits or other ones, and
 * compares its decisions with the recorded decisions.
 */
@Command(name = "risk-replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded order checks with the recorded or other risk limits and show how decisions change.",
                "Start the range where the bots' history starts: positions and state before --from are not replayed."})
final class RiskReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "supervisor-risk-replay";

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--from", required = true, description = "Start: ISO instant or a duration back from now (e.g. 2h)")
    String from;

    @Option(names = "--to", description = "End (exclusive): ISO instant or a duration back from now (default: now)")
    String to;

    @Option(names = "--bot", description = "Only this bot")
    String bot;

    @Option(names = "--limits", description = "JSON file with default limits (RiskLimits fields, e.g. {\"max_order_notional\": 500}); "
            + "replaces the recorded defaults (unset fields: the built-in defaults), recorded per-bot limits still apply on top")
    Path limitsFile;

    @Option(names = "--show", defaultValue = "20", description = "How many changed decisions to list (default: ${DEFAULT-VALUE})")
    int show;

    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        Instant now = Instant.now();
        long fromMs = Durations.sinceToEpochMs(from, now);
        long toMs = to == null ? now.toEpochMilli() + 1 : Durations.sinceToEpochMs(to, now);

        Map<String, RiskLimits> recordedLimits = new HashMap<>();
        for (RecordedTopics.Recorded r : RecordedTopics.read(kafka.settings(), CLIENT_ID, List.of(Topics.RISK_LIMITS), 0, toMs, null)) {
            recordedLimits.put(r.key(), r.value() == null ? null : Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
        RiskLimits defaults = limitsFile == null ? recordedLimits.get(Topics.DEFAULT_LIMITS_KEY) : readLimits(limitsFile);

        Map<String, DecisionCode> recorded = new HashMap<>();
        for (RecordedTopics.Recorded r : RecordedTopics.read(kafka.settings(), CLIENT_ID, List.of(Topics.ORDER_DECISIONS), fromMs, toMs, bot)) {
            OrderDecision d = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            recorded.put(d.getCorrelationId(), d.getCode());
        }

        RiskBook book = new RiskBook(new RiskEngine(), BookSettings.DEFAULTS, Clock.systemUTC());
        Map<String, BotRiskState> states = new HashMap<>();
        Set<String> appliedExecIds = new HashSet<>();
        AppliedExecutions applied = new AppliedExecutions() {
            @Override
            public boolean isDuplicate(String botId, String execId, String position) {
                return appliedExecIds.contains(botId + "/" + execId);
            }

            @Override
            public void record(String botId, String execId, String position, long tsMs) {
                appliedExecIds.add(botId + "/" + execId);
            }
        };
        Map<DecisionCode, int[]> counts = new TreeMap<>();
        List<String> changed = new ArrayList<>();
        int checks = 0;
        for (RecordedTopics.Recorded r : RecordedTopics.read(kafka.settings(), CLIENT_ID,
                List.of(Topics.ORDER_REQUESTS, Topics.EXECUTIONS, Topics.HEARTBEATS, Topics.OPERATOR_COMMANDS), fromMs, toMs, bot)) {
            if (r.key() == null || r.value() == null) {
                continue;
            }
            BotRiskState state = states.computeIfAbsent(r.key(), BotRiskState::new);
            EffectiveLimits limits = EffectiveLimits.resolve(defaults, recordedLimits.get(r.key()));
            try {
                if (r.topic().equals(Topics.ORDER_REQUESTS.name())) {
                    OrderRequest request = Topics.ORDER_REQUESTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    Outcome outcome = book.onOrderRequest(state, request, limits);
                    DecisionCode replayed = outcome.decision().getCode();
                    DecisionCode before = recorded.get(request.getCorrelationId());
                    checks++;
                    counts.computeIfAbsent(replayed, c -> new int[2])[1]++;
                    if (before != null) {
                        counts.computeIfAbsent(before, c -> new int[2])[0]++;
                    }
                    if (before != null && before != replayed) {
                        changed.add(String.format("%s %s %s %s %s x %s: %s -> %s (%s)", Instant.ofEpochMilli(r.timestampMs()),
                                request.getBotId(), request.getCorrelationId(), request.getSide(), request.getSymbol(),
                                request.getQuantity(), before, replayed, outcome.decision().getReason()));
                    }
                } else if (r.topic().equals(Topics.EXECUTIONS.name())) {
                    Execution e = Topics.EXECUTIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    book.onExecution(state, e, limits, applied, r.topic() + "-" + r.partition() + "@" + r.offset());
                } else if (r.topic().equals(Topics.HEARTBEATS.name())) {
                    Heartbeat h = Topics.HEARTBEATS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    book.onHeartbeat(state, h, limits);
                    state.compact();
                } else {
                    OperatorCommand c = Topics.OPERATOR_COMMANDS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    book.onOperatorCommand(state, c, limits);
                }
            } catch (RuntimeException undecodable) {
                // The stream sends these to the DLQ and goes on; so does the replay.
            }
        }

        out.printf("replayed %d order checks from %s to %s%s with %s limits%n", checks, Instant.ofEpochMilli(fromMs),
                Instant.ofEpochMilli(toMs), bot == null ? "" : " for " + bot, limitsFile == null ? "the recorded" : limitsFile + " as default");
        out.printf("%-28s %10s %10s%n", "code", "recorded", "replayed");
        counts.forEach((code, c) -> out.printf("%-28s %10d %10d%n", code, c[0], c[1]));
        out.printf("%d of %d recorded decisions change%n", changed.size(), recorded.size());
        changed.stream().limit(show).forEach(line -> out.println("  " + line));
        out.flush();
        return 0;
    }

    private static RiskLimits readLimits(Path file) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(Files.readString(file));
        node.put("event_id", node.path("event_id").asText("risk-replay"));
        node.put("bot_id", Topics.DEFAULT_LIMITS_KEY);
        node.put("ts_ms", node.path("ts_ms").asLong(0));
        node.put("version", node.path("version").asLong(0));
        node.put("updated_by", node.path("updated_by").asText("risk-replay"));
        return AvroJson.fromJson(node.toString(), RiskLimits.class);
    }
}
