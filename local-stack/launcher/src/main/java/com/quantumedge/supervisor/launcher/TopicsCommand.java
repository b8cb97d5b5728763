package com.quantumedge.supervisor.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** Describes the catalog topics on a broker and, with {@code --provision}, creates and fixes them. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Compare the broker's topics with the catalog; --provision creates missing ones and resets drifted configs.")
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: KAFKA_BOOTSTRAP, then <home>/local.env)")
    String bootstrap;

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    @Option(names = "--provision", description = "Create missing topics and reset drifted configs")
    boolean provision;

    @Option(names = "--replication-factor", description = "Replication factor of created topics (default: broker default)")
    Short replicationFactor;

    @Override
    public Integer call() {
        String servers = bootstrap != null ? bootstrap
                : Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP"))
                        .or(() -> SupervisorHome.resolve(home).env("KAFKA_BOOTSTRAP"))
                        .orElseThrow(() -> new IllegalArgumentException(
                                "No broker: pass --bootstrap, set KAFKA_BOOTSTRAP, or start the local stack"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Optional.ofNullable(replicationFactor));
            List<TopicProvisioner.Drift> drifts;
            if (provision) {
                TopicProvisioner.Report report = provisioner.provision(Topics.ALL, true);
                report.created().forEach(t -> System.out.println("created  " + t));
                drifts = report.drifts();
            } else {
                drifts = provisioner.describe(Topics.ALL);
            }
            for (TopicSpec<?> t : Topics.ALL) {
                System.out.printf("%-28s partitions=%d cleanup=%s%s  %s%n", t.name(), t.partitions(), t.cleanupPolicy(),
                        t.retention().map(r -> " retention=" + r.toDays() + "d").orElse(""), t.description());
            }
            drifts.forEach(d -> System.out.println("DRIFT    " + d));
            return drifts.stream().anyMatch(d -> !d.fixed()) ? 1 : 0;
        }
    }
}
