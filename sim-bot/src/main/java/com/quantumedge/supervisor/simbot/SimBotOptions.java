package com.quantumedge.supervisor.simbot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the simulated bot. Every option is {@code --name value} except the flag
 * {@code --ignore-sigterm}. {@code --options-file PATH} adds the whitespace-separated options in
 * that file, read at start, after the command line's (so they win); a missing file adds nothing.
 * It lets a demo or a test change how the bot behaves from its next start on, without touching the
 * process agent that starts it.
 *
 * @param gateway         base URL of the ingest gateway
 * @param token           bot bearer token
 * @param botId           bot id reported in every request
 * @param behaviour       {@code normal}, {@code crash}, {@code hang}, {@code slow-start} or {@code exit}
 * @param crashAfterS     seconds of normal work before {@code crash}, {@code exit} or {@code hang} act
 * @param exitCode        exit code of {@code crash} and {@code exit}
 * @param ignoreSigterm   keep running on SIGTERM (only SIGKILL stops it)
 * @param slowStartS      seconds of silence before the first heartbeat in {@code slow-start}
 * @param runMode         the bot's trading mode reported in heartbeats (the original's {@code run_bot.py} mode)
 * @param heartbeatMs     heartbeat interval
 * @param orderMs         interval between order attempts (0: no orders)
 * @param symbol          traded symbol
 * @param seed            random seed of price and strategy
 */
public record SimBotOptions(String gateway, String token, String botId, Behaviour behaviour, double crashAfterS,
        int exitCode, boolean ignoreSigterm, double slowStartS, String runMode, long heartbeatMs, long orderMs,
        String symbol, long seed) {

    public enum Behaviour {
        NORMAL, CRASH, HANG, SLOW_START, EXIT;

        static Behaviour parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase().replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--mode must be normal, crash, hang, slow-start or exit, not '" + text + "'");
            }
        }
    }

    private static final Set<String> FLAGS = Set.of("--ignore-sigterm");
    private static final Set<String> OPTIONS = Set.of("--gateway", "--token", "--bot-id", "--mode", "--crash-after-s",
            "--exit-code", "--slow-start-s", "--run-mode", "--heartbeat-ms", "--order-ms", "--symbol", "--seed");
    private static final String OPTIONS_FILE = "--options-file";

    public static SimBotOptions parse(String... commandLine) {
        String[] args = withOptionsFile(commandLine);
        Map<String, String> values = new HashMap<>();
        boolean ignoreSigterm = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                ignoreSigterm = true;
            } else if (OPTIONS.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: " + OPTIONS + " " + FLAGS + " " + OPTIONS_FILE);
            }
        }
        Behaviour behaviour = Behaviour.parse(values.getOrDefault("--mode", "normal"));
        String botId = values.getOrDefault("--bot-id", "sim-bot");
        if (botId.isBlank()) {
            throw new IllegalArgumentException("--bot-id must not be blank");
        }
        SimBotOptions options = new SimBotOptions(
                values.getOrDefault("--gateway", "http://127.0.0.1:8080"),
                values.getOrDefault("--token", ""),
                botId,
                behaviour,
                number(values, "--crash-after-s", behaviour == Behaviour.CRASH || behaviour == Behaviour.HANG ? 5 : 0),
                (int) number(values, "--exit-code", behaviour == Behaviour.CRASH ? 1 : 0),
                ignoreSigterm,
                number(values, "--slow-start-s", behaviour == Behaviour.SLOW_START ? 10 : 0),
                values.getOrDefault("--run-mode", "paper"),
                (long) number(values, "--heartbeat-ms", 1000),
                (long) number(values, "--order-ms", 2000),
                values.getOrDefault("--symbol", "BTCUSDT"),
                (long) number(values, "--seed", botId.hashCode()));
        if (options.heartbeatMs() < 10) {
            throw new IllegalArgumentException("--heartbeat-ms must be at least 10");
        }
        if (options.orderMs() < 0) {
            throw new IllegalArgumentException("--order-ms must not be negative");
        }
        return options;
    }

    /** The command line without {@code --options-file PATH}, followed by that file's options. */
    private static String[] withOptionsFile(String[] commandLine) {
        List<String> args = new ArrayList<>();
        List<String> fromFile = new ArrayList<>();
        for (int i = 0; i < commandLine.length; i++) {
            if (!commandLine[i].equals(OPTIONS_FILE)) {
                args.add(commandLine[i]);
                continue;
            }
            if (i + 1 >= commandLine.length) {
                throw new IllegalArgumentException(OPTIONS_FILE + " needs a value");
            }
            Path file = Path.of(commandLine[++i]);
            if (Files.isRegularFile(file)) {
                fromFile.addAll(tokens(file));
            }
        }
        args.addAll(fromFile);
        return args.toArray(String[]::new);
    }

    private static List<String> tokens(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + OPTIONS_FILE + " " + file + ": " + e.getMessage());
        }
    }

    private static double number(Map<String, String> values, String name, double defaultValue) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < 0 && !name.equals("--exit-code") && !name.equals("--seed")) {
                throw new IllegalArgumentException(name + " must not be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + text + "'");
        }
    }
}
