package com.quantumedge.supervisor.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a recorded live process is found again by pid and start time")
    void findsLiveProcess() {
        PidFile file = new PidFile(dir.resolve("bot.pid"));
        file.write(ProcessHandle.current(), "live", 3);
        PidFile.Entry entry = file.read().orElseThrow();
        assertThat(entry.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(entry.mode()).isEqualTo("live");
        assertThat(entry.restartCount()).isEqualTo(3);
        assertThat(file.liveProcess(entry)).contains(ProcessHandle.current());
    }

    @Test
    @DisplayName("a live pid with another start time is a reused pid, not our bot")
    void reusedPidIsNotAdopted() {
        PidFile file = new PidFile(dir.resolve("bot.pid"));
        PidFile.Entry reused = new PidFile.Entry(ProcessHandle.current().pid(), Instant.parse("2001-01-01T00:00:00Z"), "paper", 0);
        assertThat(file.liveProcess(reused)).isEmpty();
    }

    @Test
    @DisplayName("a missing or unreadable file means nothing to adopt")
    void missingFile() {
        assertThat(new PidFile(dir.resolve("none.pid")).read()).isEmpty();
    }
}
