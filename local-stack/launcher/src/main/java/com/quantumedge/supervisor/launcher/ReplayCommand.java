package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.config.PolicyConfigLoader;
import com.quantumedge.supervisor.policy.replay.CommandDiff;
import com.quantumedge.supervisor.policy.replay.PolicyReplay;
import com.quantumedge.supervisor.policy.replay.RecordedRecord;
import com.quantumedge.supervisor.policy.replay.ReplayResult;
import com.quantumedge.supervisor.policy.topology.PolicyTopology;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.json.AvroJson;

/**
 * Backtests a policy: runs the policy topology over the recorded inputs of a time range and diffs
 * the control commands it emits against those recorded on {@code sup.control-commands.v1}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run the policy over recorded inputs and diff its commands against the recorded ones.",
                "Start the range where the bots' history starts (or at a quiet moment): state before --from is not replayed."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--from", required = true, description = "Start: ISO instant or a duration back from now (e.g. 2h)")
    String from;

    @Option(names = "--to", description = "End (exclusive): ISO instant or a duration back from now (default: now)")
    String to;

    @Option(names = "--bot", description = "Only this bot")
    String bot;

    @Option(names = "--policy", description = "Policy file (YAML or .properties, keys under supervisor.policy); default: built-in defaults")
    Path policy;

    @Option(names = "--expect-same", description = "Exit 1 when the replayed commands differ from the recorded ones")
    boolean expectSame;

    @Option(names = "--json", description = "Print emitted commands and events as JSON lines")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        long fromMs = Durations.sinceToEpochMs(from, now);
        long toMs = to == null ? now.toEpochMilli() + 1 : Durations.sinceToEpochMs(to, now);
        PolicyConfig config = policy == null ? PolicyConfig.defaults() : PolicyConfigLoader.load(policy);

        List<RecordedRecord> inputs = RecordedTopics.read(kafka.settings(), "supervisor-replay", PolicyTopology.INPUTS, fromMs, toMs, bot).stream()
                .map(r -> RecordedRecord.of(r.topic(), r.key(), r.value(), r.timestampMs())).toList();
        List<ControlCommand> recorded = RecordedTopics.read(kafka.settings(), "supervisor-replay", List.of(Topics.CONTROL_COMMANDS), fromMs, toMs, bot).stream()
                .map(r -> Topics.CONTROL_COMMANDS.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();

        ReplayResult result = new PolicyReplay(config).run(inputs);
        CommandDiff diff = CommandDiff.between(recorded, result.commands());

        out.printf("replayed %d input records from %s to %s%s with %s%n", inputs.size(), Instant.ofEpochMilli(fromMs),
                Instant.ofEpochMilli(toMs), bot == null ? "" : " for " + bot, policy == null ? "the default policy" : policy);
        out.printf("emitted %d commands, %d events, %d snapshots, %d escalations; recorded %d commands%n",
                result.commands().size(), result.events().size(), result.snapshots().size(), result.escalations().size(), recorded.size());
        if (json) {
            result.commands().forEach(c -> out.println(AvroJson.toJson(c)));
            result.events().forEach(e -> out.println(AvroJson.toJson(e)));
        } else {
            result.commands().forEach(c -> out.printf("  command %s %s %s by %s: %s%n", Instant.ofEpochMilli(c.getTsMs()),
                    c.getBotId(), c.getCommandType(), c.getIssuedBy(), c.getReason()));
            result.events().stream().filter(e -> e.getSeverity() != com.quantumedge.supervisor.avro.Severity.INFO)
                    .forEach((SupervisorEvent e) -> out.printf("  event   %s %s %s %s: %s%n", Instant.ofEpochMilli(e.getTsMs()),
                            e.getBotId(), e.getSeverity(), e.getEventType(), e.getMessage()));
        }
        out.print(diff.describe());
        out.flush();
        return expectSame && !diff.isEmpty() ? 1 : 0;
    }
}
