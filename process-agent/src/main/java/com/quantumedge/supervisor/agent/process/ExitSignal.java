package com.quantumedge.supervisor.agent.process;

import java.util.Map;

/** Names the signal behind an exit code: the JDK reports a process killed by signal N as 128 + N on Unix. */
public final class ExitSignal {

    private static final Map<Integer, String> NAMES = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    private ExitSignal() {
    }

    /** The signal name, or null for a normal exit, an unknown code or Windows (which has no signals). */
    public static String of(Integer exitCode) {
        if (WINDOWS || exitCode == null || exitCode <= 128 || exitCode > 128 + 64) {
            return null;
        }
        return NAMES.getOrDefault(exitCode - 128, "SIG" + (exitCode - 128));
    }
}
