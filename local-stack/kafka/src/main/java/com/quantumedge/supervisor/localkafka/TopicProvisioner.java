package com.quantumedge.supervisor.localkafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import com.quantumedge.supervisor.schemas.TopicSpec;

/**
 * Makes the broker's topics match the catalog, idempotently: creates missing topics (with the
 * given {@link Replication}), resets drifted topic configs (cleanup policy, retention,
 * {@code min.insync.replicas}: safe to change in place), and reports a
 * partition count that differs without touching it (adding partitions re-maps keys under running
 * stateful consumers; removing them is impossible), so an operator decides.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final Replication replication;

    public TopicProvisioner(Admin admin, Replication replication) {
        this.admin = admin;
        this.replication = replication;
    }

    /** @param replicationFactor empty to use the broker's {@code default.replication.factor} */
    public TopicProvisioner(Admin admin, Optional<Short> replicationFactor) {
        this(admin, new Replication(replicationFactor, Optional.empty()));
    }

    /** One way a topic differs from the catalog. */
    public record Drift(String topic, String setting, String expected, String actual, boolean fixed) {
        @Override
        public String toString() {
            return topic + ": " + setting + " is " + actual + ", catalog says " + expected
                    + (fixed ? " (fixed)" : " (not changed: needs an operator decision)");
        }
    }

    public record Report(List<String> created, List<String> unchanged, List<Drift> drifts) {
        public boolean hasUnfixedDrift() {
            return drifts.stream().anyMatch(d -> !d.fixed());
        }
    }

    /** @param fixConfigs true to reset drifted configs, false to only report them */
    public Report provision(Collection<? extends TopicSpec<?>> topics, boolean fixConfigs) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<String> created = new ArrayList<>();
            List<TopicSpec<?>> toCheck = new ArrayList<>();
            for (TopicSpec<?> topic : topics) {
                if (existing.contains(topic.name())) {
                    toCheck.add(topic);
                } else if (create(topic)) {
                    created.add(topic.name());
                } else {
                    toCheck.add(topic);
                }
            }
            awaitUsable(created);
            List<Drift> drifts = check(toCheck, fixConfigs);
            Set<String> drifted = drifts.stream().map(Drift::topic).collect(Collectors.toSet());
            List<String> unchanged = toCheck.stream().map(TopicSpec::name).filter(n -> !drifted.contains(n)).toList();
            return new Report(created, unchanged, drifts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Only compares; changes nothing. A missing topic is a drift of setting {@code exists}. */
    public List<Drift> describe(Collection<? extends TopicSpec<?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<Drift> drifts = new ArrayList<>();
            List<TopicSpec<?>> present = new ArrayList<>();
            for (TopicSpec<?> topic : topics) {
                if (existing.contains(topic.name())) {
                    present.add(topic);
                } else {
                    drifts.add(new Drift(topic.name(), "exists", "true", "false", false));
                }
            }
            drifts.addAll(check(present, false));
            return drifts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot describe topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * A created topic is usable once every broker's metadata has it; until then describing it fails
     * with UnknownTopicOrPartition. Provisioning returns only when the topics can be used.
     */
    private void awaitUsable(List<String> created) throws InterruptedException, ExecutionException {
        if (created.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(created).allTopicNames().get();
                admin.describeConfigs(created.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private boolean create(TopicSpec<?> topic) throws InterruptedException, ExecutionException {
        NewTopic newTopic = new NewTopic(topic.name(), Optional.of(topic.partitions()), replication.factor())
                .configs(replication.topicConfigs(topic));
        try {
            admin.createTopics(List.of(newTopic)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // created concurrently by another provisioner: check it like any existing topic
            }
            throw e;
        }
    }

    private List<Drift> check(List<TopicSpec<?>> topics, boolean fixConfigs)
            throws InterruptedException, ExecutionException {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();

        List<Drift> drifts = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> fixes = new HashMap<>();
        for (TopicSpec<?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            int partitions = description.partitions().size();
            if (partitions != topic.partitions()) {
                drifts.add(new Drift(topic.name(), "partitions", Integer.toString(topic.partitions()),
                        Integer.toString(partitions), false));
            }
            // Changing it means a partition reassignment: an operator's move, like partitions.
            int replicas = description.partitions().get(0).replicas().size();
            if (replication.factor().isPresent() && replicas != replication.factor().get()) {
                drifts.add(new Drift(topic.name(), "replication.factor", replication.factor().get().toString(),
                        Integer.toString(replicas), false));
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config actual = configs.get(resource);
            for (Map.Entry<String, String> expected : replication.topicConfigs(topic).entrySet()) {
                ConfigEntry entry = actual.get(expected.getKey());
                String value = entry == null ? null : entry.value();
                if (!expected.getValue().equals(value)) {
                    drifts.add(new Drift(topic.name(), expected.getKey(), expected.getValue(), String.valueOf(value), fixConfigs));
                    fixes.computeIfAbsent(resource, r -> new ArrayList<>()).add(new AlterConfigOp(
                            new ConfigEntry(expected.getKey(), expected.getValue()), AlterConfigOp.OpType.SET));
                }
            }
        }
        if (fixConfigs && !fixes.isEmpty()) {
            admin.incrementalAlterConfigs(fixes).all().get();
        }
        return drifts;
    }

}
