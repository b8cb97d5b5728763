package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopicsAclsCommandTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path CHECKED_IN = ROOT.resolve("deploy/production/kafka-setup.sh");
    private static final List<String> PRODUCTION = List.of("--acls", "--replication-factor", "3", "--min-insync-replicas", "2");

    @Test
    @DisplayName("topics --acls prints, without a broker, a kafka-acls.sh grant per writer and none letting the gateway write control commands")
    void printsAclCommands() {
        CliRun run = run(List.of("--acls"));

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("--allow-principal User:qe-gateway --operation Write --topic qe.order-requests.v1 --topic qe.executions.v1")
                .contains("--allow-principal User:qe-policy-service --operation Write --topic sup.control-commands.v1\n")
                .contains("--allow-principal User:qe-gateway --operation Read --topic qe.order-decisions.v1 --topic sup.risk-state.v1"
                        + " --topic sup.agent-status.v1 --topic sup.snapshots.v1 --topic sup.alerts.v1\n")
                .contains("--allow-principal User:qe-policy-service --operation Read --operation Write --topic sup.operator-commands.v1"
                        + " --topic sup.events.v1 --topic sup.snapshots.v1 --topic sup.ticks.v1 --topic sup.alerts.v1 --topic sup.dlq.v1\n")
                .contains("--allow-principal User:qe-risk-stream --operation Read --operation Write --operation Create --operation Delete"
                        + " --operation DescribeConfigs --resource-pattern-type prefixed --topic risk-stream-");
        assertThat(run.output().lines().filter(l -> l.startsWith("kafka-acls.sh") && l.contains("User:qe-gateway ")
                && l.contains("--operation Write") && l.contains("sup.control-commands.v1"))).isEmpty();
    }

    @Test
    @DisplayName("deploy/production/kafka-setup.sh is what topics --acls prints for three replicas and min ISR 2, so it cannot drift from the catalog")
    void checkedInScriptMatchesTheCatalog() throws Exception {
        CliRun run = run(PRODUCTION);
        assertThat(run.exit()).isZero();
        if (!Files.exists(CHECKED_IN) || !Files.readString(CHECKED_IN).equals(run.output())) {
            Path fresh = Path.of("target", "kafka-setup.sh").toAbsolutePath();
            Files.writeString(fresh, run.output());
            assertThat(Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN) : "")
                    .as("%s differs from the catalog; regenerate: cp %s %s", CHECKED_IN, fresh, CHECKED_IN)
                    .isEqualTo(run.output());
        }
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(new TopicsCommand(), (c, out) -> c.out = out, args);
    }
}
