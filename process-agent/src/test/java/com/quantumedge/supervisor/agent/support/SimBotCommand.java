package com.quantumedge.supervisor.agent.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.quantumedge.supervisor.simbot.SimBot;

/** The command line of a light sim-bot child JVM, as a bot's configured command. */
public final class SimBotCommand {

    private SimBotCommand() {
    }

    public static List<String> of(String... simBotArgs) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", classpath(), SimBot.class.getName(),
                // Nobody listens there: the bot logs and carries on, which is all these tests need.
                "--gateway", "http://127.0.0.1:9", "--token", "test", "--bot-id", "{bot_id}", "--run-mode", "{mode}",
                "--heartbeat-ms", "1000", "--order-ms", "0"));
        command.addAll(List.of(simBotArgs));
        return command;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String classpath() {
        try {
            return Path.of(SimBot.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Live sim-bot processes of this bot id, anywhere on the machine. */
    public static List<ProcessHandle> processesOf(String botId) {
        String marker = "--bot-id " + botId + " ";
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> (c + " ").contains(marker)).orElse(false))
                .toList();
    }

    public static void killAll(String botId) {
        processesOf(botId).forEach(ProcessHandle::destroyForcibly);
    }
}
