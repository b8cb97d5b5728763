package com.quantumedge.supervisor.simbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

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

    @Test
    @DisplayName("an options file's options are read at start and win over the command line")
    void optionsFileOverridesCommandLine() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "options-" + UUID.randomUUID())).resolve("sim-bot.options");
        Files.writeString(file, "--mode crash\n--crash-after-s 0.5\n");

        SimBotOptions o = SimBotOptions.parse("--mode", "hang", "--options-file", file.toString(), "--bot-id", "b1");

        assertThat(o.behaviour()).isEqualTo(Behaviour.CRASH);
        assertThat(o.crashAfterS()).isEqualTo(0.5);
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.botId()).isEqualTo("b1");
    }

    @Test
    @DisplayName("a missing options file leaves the command line as it is")
    void missingOptionsFileAddsNothing() {
        SimBotOptions o = SimBotOptions.parse("--mode", "hang", "--options-file", "target/no-such-" + UUID.randomUUID());

        assertThat(o.behaviour()).isEqualTo(Behaviour.HANG);
        assertThat(o.crashAfterS()).isEqualTo(5);
    }

    @Test
    @DisplayName("an unknown option in the options file is refused by name")
    void badOptionInFile() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "options-" + UUID.randomUUID())).resolve("sim-bot.options");
        Files.writeString(file, "--explode now");

        assertThatThrownBy(() -> SimBotOptions.parse("--options-file", file.toString())).hasMessageContaining("--explode");
    }
}
