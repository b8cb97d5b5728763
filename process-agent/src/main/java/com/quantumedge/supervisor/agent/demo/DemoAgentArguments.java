package com.quantumedge.supervisor.agent.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line properties that make the agent manage one simulated bot, for the local demo
 * ({@code ./supervisor up --demo}): the launcher passes them to
 * {@code SpringApplication.run(ProcessAgentApplication.class, args)}. The sim-bot runs as a light
 * child JVM, posts to the gateway with its bot token and is stopped with the agent. At each start it
 * also reads {@link #simBotOptionsFile()}, so writing e.g. {@code --mode crash} there changes its
 * behaviour from the next start on. One job, {@value #DEMO_JOB} ({@code java -version}), lets
 * operators try RUN_JOB.
 *
 * @param javaExecutable  the {@code java} to run the bot with
 * @param simBotClasspath the sim-bot jar (or classes dir)
 * @param gatewayUrl      base URL of the ingest gateway
 * @param botToken        the bot's bearer token
 * @param botId           id of the demo bot
 * @param dataDir         the agent's data dir (pid file, command ids, logs)
 * @param behaviour       sim-bot behaviour, e.g. {@code normal} or {@code crash}
 */
public record DemoAgentArguments(String javaExecutable, String simBotClasspath, String gatewayUrl, String botToken,
        String botId, Path dataDir, String behaviour) {

    public static final String SIM_BOT_MAIN = "com.quantumedge.supervisor.simbot.SimBot";
    public static final String DEMO_JOB = "java-version";

    /** {@code --supervisor.agent.*} arguments; the caller adds Kafka, port and logging settings. */
    public List<String> toArguments() {
        List<String> args = new ArrayList<>(List.of(
                "--supervisor.agent.agent-id=demo-agent",
                "--supervisor.agent.data-dir=" + dataDir.toAbsolutePath(),
                "--supervisor.agent.stop-bots-on-shutdown=true",
                "--supervisor.agent.bots[0].id=" + botId,
                "--supervisor.agent.bots[0].mode=paper",
                "--supervisor.agent.bots[0].stop-grace=3s"));
        List<String> command = botCommand();
        for (int i = 0; i < command.size(); i++) {
            args.add("--supervisor.agent.bots[0].command[" + i + "]=" + command.get(i));
        }
        args.add("--supervisor.agent.jobs[" + DEMO_JOB + "].command[0]=" + javaExecutable);
        args.add("--supervisor.agent.jobs[" + DEMO_JOB + "].command[1]=-version");
        args.add("--supervisor.agent.jobs[" + DEMO_JOB + "].timeout=30s");
        return args;
    }

    /** Options the sim-bot reads at each start, after its command line's; absent unless someone writes it. */
    public Path simBotOptionsFile() {
        return dataDir.toAbsolutePath().resolve("sim-bot.options");
    }

    /** The bot's command line with the agent's {@code {bot_id}} and {@code {mode}} placeholders. */
    public List<String> botCommand() {
        return List.of(javaExecutable, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", simBotClasspath,
                SIM_BOT_MAIN, "--gateway", gatewayUrl, "--token", botToken, "--bot-id", "{bot_id}",
                "--run-mode", "{mode}", "--mode", behaviour, "--options-file", simBotOptionsFile().toString());
    }
}
