package com.quantumedge.supervisor.simbot;

import java.time.Instant;

/** One line per event on stdout, which the process agent captures into the bot's log file. */
public final class SimBotLog {

    private SimBotLog() {
    }

    public static void info(String message) {
        System.out.println(Instant.now() + " INFO  " + message);
    }

    public static void warn(String message) {
        System.out.println(Instant.now() + " WARN  " + message);
    }
}
