package com.quantumedge.supervisor.risk.topology;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** The risk topology in a TopologyTestDriver, with typed input and output topics. */
public final class RiskDriver implements AutoCloseable {

    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_000_000_000L), ZoneOffset.UTC);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, OrderRequest> requests;
    private final TestInputTopic<String, Execution> executions;
    private final TestInputTopic<String, Heartbeat> heartbeats;
    private final TestInputTopic<String, OperatorCommand> commands;
    private final TestInputTopic<String, RiskLimits> limits;
    private final TestInputTopic<String, byte[]> rawRequests;
    private final TestOutputTopic<String, OrderDecision> decisions;
    private final TestOutputTopic<String, SupervisorEvent> events;
    private final TestOutputTopic<String, RiskState> states;
    private final TestOutputTopic<String, byte[]> dlq;
    private final TestOutputTopic<String, RiskLimits> limitsWritten;

    public RiskDriver() {
        this(BookSettings.DEFAULTS);
    }

    public RiskDriver(BookSettings book) {
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, new TopologySettings(book, Duration.ofSeconds(1), Duration.ofDays(7), CLOCK,
                RiskMetrics.NONE));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-" + UUID.randomUUID()).toString());
        driver = new TopologyTestDriver(builder.build(), props);
        requests = input(Topics.ORDER_REQUESTS);
        executions = input(Topics.EXECUTIONS);
        heartbeats = input(Topics.HEARTBEATS);
        commands = input(Topics.OPERATOR_COMMANDS);
        limits = input(Topics.RISK_LIMITS);
        rawRequests = driver.createInputTopic(Topics.ORDER_REQUESTS.name(), new StringSerializer(), new ByteArraySerializer());
        decisions = output(Topics.ORDER_DECISIONS);
        events = output(Topics.EVENTS);
        states = output(Topics.RISK_STATE);
        dlq = output(Topics.DLQ);
        limitsWritten = output(Topics.RISK_LIMITS);
    }

    private <V> TestInputTopic<String, V> input(TopicSpec<V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(TopicSpec<V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** Pipes any input record to its topic, keyed by its bot id, with its event time as record time. */
    public RiskDriver pipe(Object input) {
        if (input instanceof OrderRequest r) {
            requests.pipeInput(r.getBotId(), r, r.getTsMs());
        } else if (input instanceof Execution e) {
            executions.pipeInput(e.getBotId(), e, e.getTsMs());
        } else if (input instanceof Heartbeat h) {
            heartbeats.pipeInput(h.getBotId(), h, h.getTsMs());
        } else if (input instanceof OperatorCommand c) {
            commands.pipeInput(c.getBotId(), c, c.getTsMs());
        } else if (input instanceof RiskLimits l) {
            limits.pipeInput(l.getBotId(), l, l.getTsMs());
        } else {
            throw new IllegalArgumentException("not a risk-stream input: " + input);
        }
        return this;
    }

    public RiskDriver pipeAll(List<?> inputs) {
        inputs.forEach(this::pipe);
        return this;
    }

    /** Pipes a request and returns the decision that answers it. */
    public OrderDecision check(OrderRequest request) {
        decisions.readRecordsToList();
        pipe(request);
        List<OrderDecision> answers = decisions.readValuesToList();
        return answers.stream().filter(d -> d.getCorrelationId().equals(request.getCorrelationId())).findFirst()
                .orElseThrow(() -> new AssertionError("no decision for " + request.getCorrelationId()));
    }

    public void pipeRawRequest(String key, byte[] bytes) {
        rawRequests.pipeInput(key, bytes);
    }

    public List<TestRecord<String, OrderDecision>> decisions() {
        return decisions.readRecordsToList();
    }

    public List<SupervisorEvent> events() {
        return events.readValuesToList();
    }

    public List<SupervisorEvent> events(EventType type) {
        return events().stream().filter(e -> e.getEventType() == type).toList();
    }

    /** Latest published risk state of the bot (advancing wall-clock time so pending state is published). */
    public RiskState latestState(String bot) {
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        RiskState last = null;
        for (RiskState s : states.readValuesToList()) {
            if (s != null && s.getBotId().equals(bot)) {
                last = s;
            }
        }
        return last;
    }

    /** Every risk state record published so far, tombstones (null values) included. */
    public List<TestRecord<String, RiskState>> stateRecords() {
        return states.readRecordsToList();
    }

    /** Records this topology wrote to the risk limits topic (tombstones of retired bots). */
    public List<TestRecord<String, RiskLimits>> limitsWritten() {
        return limitsWritten.readRecordsToList();
    }

    public List<TestRecord<String, byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
