package com.quantumedge.supervisor.policy.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.engine.BotSupervision;
import com.quantumedge.supervisor.policy.engine.Emissions;
import com.quantumedge.supervisor.policy.engine.PolicyEngine;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/** Decodes one input record, runs the bot's rules on it and forwards what they emitted. */
final class PolicyProcessor implements Processor<String, byte[], String, Object> {

    static final String SERVICE = "policy-service";
    private static final Logger log = LoggerFactory.getLogger(PolicyProcessor.class);

    private final PolicyEngine engine;
    private final PolicyObserver observer;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BotSupervision> store;

    PolicyProcessor(PolicyConfig config, PolicyObserver observer, boolean llmChecksAnswered) {
        this.engine = new PolicyEngine(config, llmChecksAnswered);
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(PolicyTopology.STATE_STORE);
        try (KeyValueIterator<String, BotSupervision> bots = store.all()) {
            while (bots.hasNext()) {
                KeyValue<String, BotSupervision> bot = bots.next();
                observer.botSeen(bot.key); // keeps ticks coming for a silent bot after a rebalance
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            return; // tombstone on the compacted risk-state topic
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        Object input;
        try {
            input = Topics.byName(topic).orElseThrow(() -> new IllegalStateException("not an input topic: " + topic))
                    .valueSerde().deserializer().deserialize(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, topic, e);
            return;
        }
        String botId = botIdOf(input);
        if (botId == null || botId.isBlank()) {
            deadLetter(record, topic, new IllegalArgumentException("bot_id is blank"));
            return;
        }
        BotSupervision bot = store.get(botId);
        if (bot == null) {
            bot = BotSupervision.newBot(botId);
            observer.botSeen(botId);
        }
        Emissions emissions;
        try {
            emissions = apply(bot, input);
        } catch (RuntimeException e) {
            // A rule defect must not stop supervision of every bot on this partition: park the input.
            deadLetter(record, topic, e);
            return;
        }
        store.put(botId, bot);
        for (SpecificRecord out : emissions.records()) {
            long tsMs = (Long) out.get(out.getSchema().getField("ts_ms").pos());
            context.forward(new Record<>(botId, out, tsMs));
            observer.emitted(out);
        }
    }

    private Emissions apply(BotSupervision bot, Object input) {
        if (input instanceof Heartbeat h) {
            return engine.onHeartbeat(bot, h);
        } else if (input instanceof Tick t) {
            return engine.onTick(bot, t);
        } else if (input instanceof RiskState r) {
            return engine.onRiskState(bot, r);
        } else if (input instanceof AgentStatus a) {
            return engine.onAgentStatus(bot, a);
        } else if (input instanceof OperatorCommand c) {
            return engine.onOperatorCommand(bot, c);
        }
        throw new IllegalStateException("unexpected input " + input.getClass());
    }

    private static String botIdOf(Object input) {
        return input instanceof SpecificRecord r ? String.valueOf(r.get(r.getSchema().getField("bot_id").pos())) : null;
    }

    private void deadLetter(Record<String, byte[]> record, String topic, RuntimeException error) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        String reason = DeadLetter.reasonOf(error);
        byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> letter = DeadLetter.of(topic, meta.partition(), meta.offset(), key,
                record.value(), record.headers(), SERVICE, reason, error);
        log.warn("Dead-lettering {}-{}@{}: {} ({})", topic, meta.partition(), meta.offset(), reason, error.getMessage());
        context.forward(new Record<String, Object>(record.key(), new DeadLetterValue(letter.value()), record.timestamp(),
                new RecordHeaders(letter.headers().toArray())));
        observer.deadLettered(topic, reason);
    }
}
