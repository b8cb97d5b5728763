package com.quantumedge.supervisor.bench.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.replay.PolicyReplay;
import com.quantumedge.supervisor.policy.replay.RecordedRecord;
import com.quantumedge.supervisor.policy.replay.ReplayResult;
import com.quantumedge.supervisor.policy.topology.PolicyTopology;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Replay throughput of the policy topology (decode, per-bot state in the store, rules, outputs)
 * against a baseline topology that only reads and decodes the same records, both under a
 * TopologyTestDriver in the same JVM and run. Reports the median of the measured rounds.
 *
 * <p>Args: bots (100), seconds of event time (600), warm-up rounds (2), measured rounds (5).
 * Workload: one tick per bot per second, a heartbeat every 5 s from 80% of the bots; the other 20%
 * stop sending after 60 s, so they go stale, get restarted and escalate.
 */
public final class PolicyBench {

    private static final long T0 = 1_700_000_100_000L;

    public static void main(String[] args) {
        int bots = arg(args, 0, 100);
        int seconds = arg(args, 1, 600);
        int warmup = arg(args, 2, 2);
        int rounds = arg(args, 3, 5);
        List<RecordedRecord> inputs = workload(bots, seconds);
        List<byte[]> encoded = inputs.stream().map(PolicyBench::encode).toList();
        List<RecordedRecord> raw = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            RecordedRecord r = inputs.get(i);
            raw.add(RecordedRecord.of(r.topic(), r.key(), encoded.get(i), r.timestampMs()));
        }
        System.out.printf("workload: %d bots, %d s of event time, %d input records%n", bots, seconds, inputs.size());

        double[] baseline = new double[rounds];
        double[] policy = new double[rounds];
        ReplayResult last = null;
        for (int i = -warmup; i < rounds; i++) {
            long b = baseline(inputs, encoded);
            long start = System.nanoTime();
            last = new PolicyReplay(PolicyConfig.defaults()).run(raw); // bytes, as read from Kafka
            long p = System.nanoTime() - start;
            if (i >= 0) {
                baseline[i] = inputs.size() / (b / 1e9);
                policy[i] = inputs.size() / (p / 1e9);
                System.out.printf("round %d: baseline %.0f rec/s, policy %.0f rec/s%n", i + 1, baseline[i], policy[i]);
            }
        }
        double mb = median(baseline);
        double mp = median(policy);
        System.out.printf("outputs per run: %d commands, %d events, %d snapshots, %d escalation HALTs%n",
                last.commands().size(), last.events().size(), last.snapshots().size(), last.escalations().size());
        System.out.printf("median: baseline (read+decode) %.0f rec/s, policy %.0f rec/s, policy/baseline %.2f%n",
                mb, mp, mp / mb);
    }

    static List<RecordedRecord> workload(int bots, int seconds) {
        List<RecordedRecord> in = new ArrayList<>();
        for (int s = 0; s <= seconds; s++) {
            long t = T0 + s * 1000L;
            for (int b = 0; b < bots; b++) {
                String bot = "bot-" + b;
                in.add(RecordedRecord.of(Topics.TICKS.name(), bot,
                        Tick.newBuilder().setEventId("t-" + b + "-" + s).setBotId(bot).setTsMs(t).build(), t));
                boolean hung = b % 5 == 0 && s > 60;
                if (s % 5 == 0 && !hung) {
                    in.add(RecordedRecord.of(Topics.HEARTBEATS.name(), bot, Heartbeat.newBuilder()
                            .setEventId("h-" + b + "-" + s).setBotId(bot).setTsMs(t).setEquity(1000.0 + s)
                            .setRealizedPnlToday(1.0).setMode("live").build(), t));
                }
            }
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(RecordedRecord r) {
        TopicSpec<org.apache.avro.specific.SpecificRecord> spec =
                (TopicSpec<org.apache.avro.specific.SpecificRecord>) Topics.byName(r.topic()).orElseThrow();
        return spec.valueSerde().serializer().serialize(r.topic(), (org.apache.avro.specific.SpecificRecord) r.value());
    }

    /** Same driver, same inputs as bytes, same decoding; no state, no rules, no outputs. Returns nanos. */
    private static long baseline(List<RecordedRecord> inputs, List<byte[]> encoded) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PolicyTopology.INPUTS.stream().map(TopicSpec::name).toList(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .foreach((k, v) -> { });
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy-bench-baseline");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "bench:9092");
        long start = System.nanoTime();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, byte[]> ticks = driver.createInputTopic(Topics.TICKS.name(), new StringSerializer(),
                    Serdes.ByteArray().serializer());
            TestInputTopic<String, byte[]> heartbeats = driver.createInputTopic(Topics.HEARTBEATS.name(),
                    new StringSerializer(), Serdes.ByteArray().serializer());
            for (int i = 0; i < inputs.size(); i++) {
                RecordedRecord r = inputs.get(i);
                // Decode here so the baseline pays what the policy pays to read a record.
                Topics.byName(r.topic()).orElseThrow().valueSerde().deserializer().deserialize(r.topic(), encoded.get(i));
                (r.topic().equals(Topics.TICKS.name()) ? ticks : heartbeats)
                        .pipeInput(new TestRecord<>(r.key(), encoded.get(i), null, r.timestampMs()));
            }
        }
        return System.nanoTime() - start;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
