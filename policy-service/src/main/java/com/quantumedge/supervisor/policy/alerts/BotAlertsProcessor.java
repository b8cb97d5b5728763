package com.quantumedge.supervisor.policy.alerts;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
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
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Decodes the bot-keyed inputs (raw bytes, so a record it cannot read is skipped, not fatal: the
 * services that own those topics dead-letter bad records themselves) and applies
 * {@link BotAlertRules}, keeping firing alerts and context in changelogged stores.
 */
final class BotAlertsProcessor implements Processor<String, byte[], String, Alert>, AlertBook {

    private static final Logger log = LoggerFactory.getLogger(BotAlertsProcessor.class);

    private final BotAlertRules rules = new BotAlertRules(this);
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> firing;
    private KeyValueStore<String, RiskState> riskStates;
    private KeyValueStore<String, OperatorCommand> pauseCommands;

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.firing = context.getStateStore(AlertsTopology.FIRING_STORE);
        this.riskStates = context.getStateStore(AlertsTopology.RISK_STATE_STORE);
        this.pauseCommands = context.getStateStore(AlertsTopology.PAUSE_COMMAND_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        if (record.value() == null) {
            if (Topics.RISK_STATE.name().equals(topic) && record.key() != null) {
                rules.onRetired(record.key(), record.timestamp());
            }
            return;
        }
        Object value;
        try {
            value = Topics.byName(topic).orElseThrow().valueSerde().deserializer().deserialize(topic, record.value());
        } catch (RuntimeException e) {
            log.debug("Alert topology skips an undecodable record of {}: {}", topic, e.toString());
            return;
        }
        if (value instanceof RiskState r) {
            rules.onRiskState(r);
        } else if (value instanceof AgentStatus s) {
            rules.onAgentStatus(s);
        } else if (value instanceof SupervisorEvent e) {
            rules.onEvent(e);
        } else if (value instanceof OperatorCommand c) {
            rules.onOperatorCommand(c);
        }
    }

    @Override
    public Alert firing(String key) {
        return firing.get(key);
    }

    @Override
    public List<Alert> firingWithPrefix(String prefix) {
        List<Alert> found = new ArrayList<>();
        try (KeyValueIterator<String, Alert> it = firing.prefixScan(prefix, new StringSerializer())) {
            it.forEachRemaining((KeyValue<String, Alert> kv) -> found.add(kv.value));
        }
        return found;
    }

    @Override
    public void fire(Alert alert) {
        firing.put(alert.getAlertKey(), alert);
        context.forward(new Record<>(alert.getAlertKey(), alert, alert.getTsMs()));
    }

    @Override
    public void resolve(String key, long endsAtMs, String why) {
        Alert active = firing.delete(key);
        if (active != null) {
            Alert resolved = AlertRecords.resolved(active, endsAtMs, why);
            context.forward(new Record<>(key, resolved, resolved.getTsMs()));
        }
    }

    @Override
    public void forgetBot(String botId) {
        riskStates.delete(botId);
        pauseCommands.delete(botId);
    }

    @Override
    public RiskState riskState(String botId) {
        return riskStates.get(botId);
    }

    @Override
    public void rememberRiskState(RiskState state) {
        riskStates.put(state.getBotId(), state);
    }

    @Override
    public OperatorCommand pauseCommand(String botId) {
        return pauseCommands.get(botId);
    }

    @Override
    public void rememberPauseCommand(OperatorCommand command) {
        pauseCommands.put(command.getBotId(), command);
    }
}
