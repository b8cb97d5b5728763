package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.localkafka.CatalogAcls;
import com.quantumedge.supervisor.localkafka.ClusterSetupScript;
import com.quantumedge.supervisor.localkafka.Replication;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Describes the catalog topics on a broker and, with {@code --provision}, creates and fixes them;
 * {@code --acls} prints the catalog's users, topics and ACLs as a script for Kafka's own tools
 * (no broker needed), and with {@code --provision} creates the ACLs too.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Compare the broker's topics with the catalog; --provision creates missing ones and resets drifted configs.",
                "--acls prints users, topics and ACLs as kafka-configs/kafka-topics/kafka-acls commands (with --provision: creates the ACLs)."})
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--provision", description = "Create missing topics and reset drifted configs (with --acls: create the ACLs too)")
    boolean provision;

    @Option(names = "--acls", description = "Print the catalog's users, topics and ACLs as commands; with --provision, create the ACLs")
    boolean acls;

    @Option(names = "--replication-factor", defaultValue = "${env:TOPIC_REPLICATION_FACTOR}",
            description = "Replication factor of created topics (default: $TOPIC_REPLICATION_FACTOR, else the broker's default)")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", defaultValue = "${env:TOPIC_MIN_INSYNC_REPLICAS}",
            description = "min.insync.replicas of every topic (default: $TOPIC_MIN_INSYNC_REPLICAS, else the broker's default)")
    Integer minInsyncReplicas;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Replication replication = new Replication(Optional.ofNullable(replicationFactor), Optional.ofNullable(minInsyncReplicas));
        if (acls && !provision) {
            ClusterSetupScript.lines(replication).forEach(out::println);
            return 0;
        }
        try (Admin admin = Admin.create(kafka.settings().admin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "supervisor-topics")))) {
            if (acls) {
                var bindings = CatalogAcls.bindings();
                admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
                out.println("acls     " + bindings.size() + " bindings created or already present");
            }
            TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
            List<TopicProvisioner.Drift> drifts;
            if (provision) {
                TopicProvisioner.Report report = provisioner.provision(Topics.ALL, true);
                report.created().forEach(t -> out.println("created  " + t));
                drifts = report.drifts();
            } else {
                drifts = provisioner.describe(Topics.ALL);
            }
            for (TopicSpec<?> t : Topics.ALL) {
                boolean drifted = drifts.stream().anyMatch(d -> d.topic().equals(t.name()) && !d.fixed());
                out.printf("%-5s %-26s partitions=%d cleanup=%s%s  %s%n", drifted ? "DRIFT" : "ok", t.name(),
                        t.partitions(), t.cleanupPolicy(), t.retention().map(r -> " retention=" + r.toDays() + "d").orElse(""),
                        t.description());
            }
            drifts.forEach(d -> out.println("  " + d));
            return drifts.stream().anyMatch(d -> !d.fixed()) ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot create the ACLs: " + SupervisorCli.rootMessage(e), e);
        }
    }
}
