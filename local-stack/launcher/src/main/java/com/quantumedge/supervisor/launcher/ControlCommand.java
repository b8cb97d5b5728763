package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends an operator command through the gateway (operator token); the command is audited on sup.operator-commands.v1. */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Send an operator command: halt, resume, pause-entries, resume-entries, reduce-only, "
                + "set-risk-multiplier (--multiplier), set-mode (--mode), restart, stop, start, "
                + "run-job (--job: a job configured on the bot's process agent), "
                + "retire (the bot no longer exists: its risk state and own risk limits are deleted; stop it first).")
final class ControlCommand implements Callable<Integer> {

    enum Action {
        halt, resume, pause_entries, resume_entries, reduce_only, set_risk_multiplier, set_mode, restart, stop, start, run_job, retire;

        String path() {
            return name().replace('_', '-');
        }
    }

    @Mixin
    GatewayClient gateway;

    @Parameters(index = "0", description = "halt | resume | pause-entries | resume-entries | reduce-only | set-risk-multiplier | set-mode | restart | stop | start | run-job | retire")
    String action;

    @Option(names = "--bot", required = true, description = "Bot id")
    String bot;

    @Option(names = "--reason", required = true, description = "Why (recorded with your identity)")
    String reason;

    @Option(names = "--multiplier", description = "For set-risk-multiplier: 0 < m <= 1 unless the risk limits allow more")
    Double multiplier;

    @Option(names = "--mode", description = "For set-mode: the bot's run mode, e.g. paper or live")
    String mode;

    @Option(names = "--job", description = "For run-job: the job's name in the agent's configuration (supervisor.agent.jobs)")
    String job;

    @Option(names = "--allow-unknown-bot", description = "Send it even if no bot with this id is known yet "
            + "(e.g. halt a bot before its first start); without it a bot id the supervisor has never seen is refused")
    boolean allowUnknownBot;

    @Option(names = "--json", description = "Print the gateway's answer as JSON")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Action parsed;
        try {
            parsed = Action.valueOf(action.replace('-', '_').toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown command '" + action + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bot_id", bot);
        body.put("reason", reason);
        if (multiplier != null) {
            body.put("multiplier", multiplier);
        }
        if (mode != null) {
            body.put("mode", mode);
        }
        if (job != null) {
            body.put("job", job);
        }
        if (allowUnknownBot) {
            body.put("allow_unknown_bot", true);
        }
        GatewayClient.Reply reply = gateway.post("/api/v1/control/" + parsed.path(), body, "OPERATOR_TOKEN");
        if (json) {
            out.println(reply.body());
        } else if (reply.ok()) {
            out.printf("accepted %s for %s: command_id %s%n", parsed.path(), bot, reply.body().path("command_id").asText());
        } else {
            out.printf("refused (%d) %s%n", reply.status(), reply.error());
            String code = reply.body().path("error").path("code").asText();
            if (code.equals("UNKNOWN_BOT")) {
                out.printf("no bot '%s' is known to the supervisor, nothing was sent: check the id (./supervisor status lists the bots);%n"
                        + "to command a bot that has not started yet, repeat with --allow-unknown-bot%n", bot);
            } else if (code.equals("VIEWS_NOT_READY")) {
                out.println("the gateway has just started and is still reading which bots exist: retry in a few seconds");
            }
        }
        out.flush();
        return reply.ok() ? 0 : 1;
    }
}
