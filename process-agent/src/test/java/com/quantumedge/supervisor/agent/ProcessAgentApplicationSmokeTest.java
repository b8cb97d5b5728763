package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.demo.DemoAgentArguments;
import com.quantumedge.supervisor.agent.support.SimBotCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

class ProcessAgentApplicationSmokeTest {

    private final String bot = SharedKafkaBroker.uniqueName("bot");

    @AfterEach
    void killBot() {
        SimBotCommand.killAll(bot);
    }

    @Test
    @DisplayName("the service started with the demo arguments runs the sim-bot, serves probes and Prometheus metrics, and stops the bot on shutdown")
    void startsAndServesProbes() {
        Path dataDir = Path.of("target", "smoke", bot).toAbsolutePath();
        DemoAgentArguments demo = new DemoAgentArguments(SimBotCommand.java(), SimBotCommand.classpath(),
                "http://127.0.0.1:9", "demo-token", bot, dataDir, "normal");
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console="));
        args.addAll(demo.toArguments());
        try (ConfigurableApplicationContext context = SpringApplication.run(ProcessAgentApplication.class,
                args.toArray(String[]::new))) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/actuator";
            ProcessAgent agent = context.getBean(ProcessAgent.class);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> agent.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
            assertThat(SimBotCommand.processesOf(bot)).singleElement().satisfies(p -> assertThat(
                    p.info().commandLine().orElseThrow()).contains("--token demo-token", "--run-mode paper",
                            "--options-file " + demo.simBotOptionsFile()));
            assertThat(context.getBean(AgentProperties.class).jobs().get(DemoAgentArguments.DEMO_JOB).command())
                    .containsExactly(SimBotCommand.java(), "-version");
            assertThat(HttpProbe.get(base + "/health/liveness").body()).contains("\"UP\"");
            assertThat(HttpProbe.get(base + "/health/readiness").body()).contains("\"UP\"");
            HttpProbe.Response metrics = HttpProbe.get(base + "/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"process-agent\"")
                    .contains("agent_bot_running{bot=\"" + bot + "\"").contains("agent_outbox_size");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SimBotCommand.processesOf(bot).isEmpty());
    }
}
