package com.quantumedge.supervisor.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./supervisor}: the local stack and the operator commands. */
@Command(name = "supervisor", mixinStandardHelpOptions = true, versionProvider = SupervisorCli.Version.class,
        description = "QE Supervisor: supervision, pre-trade risk and audit for the QuantumEdge bot.",
        subcommands = {UpCommand.class, StatusCommand.class, ControlCommand.class, DiagCommand.class, TailCommand.class, AuditCommand.class, RiskReplayCommand.class,
                ReplayCommand.class, TopicsCommand.class, LlmCheckCommand.class, LimitsCommand.class, ImportLegacyCommand.class, BackfillCommand.class,
                AlertsCommand.class})
public final class SupervisorCli implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new SupervisorCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Operators get one clear line; the stack trace is noise for a failed precondition.
                    cmd.getErr().println("supervisor " + cmd.getCommandName() + ": " + rootMessage(e));
                    return 2;
                });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SupervisorCli.class.getPackage().getImplementationVersion();
            return new String[] {"qe-supervisor " + (v == null ? "dev" : v)};
        }
    }
}
