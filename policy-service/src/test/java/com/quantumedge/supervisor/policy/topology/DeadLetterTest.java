package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

@DisplayName("Undecodable input")
class DeadLetterTest {

    static final long T0 = 1_700_000_100_000L;

    @Test
    @DisplayName("an undecodable heartbeat goes to the DLQ with its bytes and reason, and the bot is still supervised")
    void deadLettersAndContinues() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            byte[] garbage = "{not avro}".getBytes(StandardCharsets.UTF_8);
            policy.heartbeat(BOT, T0);
            policy.pipeRaw(Topics.HEARTBEATS, BOT, garbage, T0 + 1000);
            policy.ticks(BOT, T0 + 2000, T0 + 90_000);

            TestRecord<String, byte[]> letter = policy.deadLetters().get(0);
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(letter.key()).isEqualTo(BOT);
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo("BAD_HEADER");
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.HEARTBEATS.name());
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.FAILED_BY)).isEqualTo("policy-service");
            assertThat(policy.commands()).extracting(c -> c.getCommandType()).containsExactly(CommandType.RESTART);
        }
    }

    @Test
    @DisplayName("a record with a blank bot id is dead-lettered instead of creating a nameless bot")
    void blankBotId() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.tick("", T0);

            assertThat(policy.deadLetters()).hasSize(1);
            assertThat(policy.snapshots()).isEmpty();
        }
    }
}
