package com.quantumedge.supervisor.simbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.simbot.SimBotOptions.Behaviour;

class SimBotOptionsTest {

    @Test
    @DisplayName("the documented command line is understood")
    void parsesCommandLine() {
        SimBotOptions o = SimBotOptions.parse("--gateway", "http://h:1", "--token", "T", "--bot-id", "b1",
                "--mode", "slow-start", "--crash-after-s", "2.5", "--exit-code", "3", "--ignore-sigterm",
                "--run-mode", "live");
        assertThat(o.gateway()).isEqualTo("http://h:1");
        assertThat(o.token()).isEqualTo("T");
        assertThat(o.botId()).isEqualTo("b1");
        assertThat(o.behaviour()).isEqualTo(Behaviour.SLOW_START);
        assertThat(o.crashAfterS()).isEqualTo(2.5);
        assertThat(o.exitCode()).isEqualTo(3);
        assertThat(o.ignoreSigterm()).isTrue();
        assertThat(o.runMode()).isEqualTo("live");
    }

    @Test
    @DisplayName("crash defaults to exit code 1 so a crash is an unexpected exit")
    void crashDefaultsToNonZero() {
        assertThat(SimBotOptions.parse("--mode", "crash").exitCode()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown behaviour is refused with the allowed values")
    void unknownBehaviour() {
        assertThatThrownBy(() -> SimBotOptions.parse("--mode", "explode")).hasMessageContaining("normal, crash, hang");
    }

    @Test
    @DisplayName("an unknown option is refused by name")
    void unknownOption() {
        assertThatThrownBy(() -> SimBotOptions.parse("--colour", "red")).hasMessageContaining("--colour");
    }

    @Test
    @DisplayName("a non-numeric duration is refused by name")
    void badNumber() {
        assertThatThrownBy(() -> SimBotOptions.parse("--crash-after-s", "soon")).hasMessageContaining("--crash-after-s");
    }
}
