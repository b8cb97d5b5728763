package com.quantumedge.supervisor.launcher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** Describes the catalog topics on a broker and, with {@code --provision}, creates and fixes them. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Compare the broker's topics with the catalog; --provision creates missing ones and resets drifted configs.")
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--provision", description = "Create missing topics and reset drifted configs")
    boolean provision;

    @Option(names = "--replication-factor", description = "Replication factor of created topics (default: broker default)")
    Short replicationFactor;

    @Override
    public Integer call() {
        try (Admin admin = Admin.create(kafka.settings().admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "supervisor-topics")))) {
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
                boolean drifted = drifts.stream().anyMatch(d -> d.topic().equals(t.name()) && !d.fixed());
                System.out.printf("%-5s %-26s partitions=%d cleanup=%s%s  %s%n", drifted ? "DRIFT" : "ok", t.name(),
                        t.partitions(), t.cleanupPolicy(), t.retention().map(r -> " retention=" + r.toDays() + "d").orElse(""),
                        t.description());
            }
            drifts.forEach(d -> System.out.println("  " + d));
            return drifts.stream().anyMatch(d -> !d.fixed()) ? 1 : 0;
        }
    }
}
