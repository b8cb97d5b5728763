package com.quantumedge.supervisor.schemas;

import java.util.List;
import java.util.Optional;

/**
 * The Kafka identities of the supervisor: one principal (SCRAM user) per service, plus the operator
 * CLI. What each may do on the catalog topics is in {@link TopicSpec#writers()} and
 * {@link TopicSpec#readers()}; what it needs beyond that (consumer groups, a Kafka Streams
 * application's internal topics and group, admin reads) is here. ACLs are generated from both, so
 * a topic that gains a writer in code must gain it in the catalog, or that writer is refused.
 *
 * <p>Group names and Streams application ids are the services' defaults; a deployment that changes
 * one ({@code supervisor.risk.streams.application-id}, ...) must change it here too.
 */
public enum ServiceAccount {

    /**
     * ingest-gateway. Reads the sink group's committed offsets for {@code /api/v1/tsdb/status}, so
     * it may describe that group and every catalog topic (offsets and metadata, no records).
     */
    GATEWAY("qe-gateway", Optional.empty(), false, List.of(), List.of(Group.literal("tsdb-sink")), true, false),

    /** risk-stream: Kafka Streams, at-least-once (no transactions). */
    RISK_STREAM("qe-risk-stream", Optional.of("risk-stream"), false, List.of(), List.of(), false, false),

    /**
     * policy-service: Kafka Streams (at-least-once by default, exactly_once_v2 configurable, hence
     * transactional ids), the tick source, and the advisor's consumer group. Its second Streams
     * application, the alert topology ({@value #POLICY_ALERTS_APPLICATION_ID}), has its internal
     * topics and transactional ids under the same {@code qe-policy-service-} prefix and its group here.
     */
    POLICY_SERVICE("qe-policy-service", Optional.of("qe-policy-service"), true,
            List.of(Group.literal("qe-policy-advisor"), Group.literal(ServiceAccount.POLICY_ALERTS_APPLICATION_ID)),
            List.of(), false, false),

    /** process-agent: one consumer group per agent, {@code process-agent.<agent-id>}. */
    PROCESS_AGENT("qe-process-agent", Optional.empty(), false, List.of(Group.prefixed("process-agent.")), List.of(), false, false),

    /** tsdb-sink: its consumer group holds the offsets ClickHouse accepted. */
    TSDB_SINK("qe-tsdb-sink", Optional.empty(), false, List.of(Group.literal("tsdb-sink")), List.of(), false, false),

    /**
     * The operator CLI ({@code ./supervisor}): tail, replay and diag read topics by assignment (no
     * group); {@code topics --provision} creates topics and resets their configs. Commands go
     * through the gateway's HTTP API, so it writes no topic.
     */
    OPERATOR("qe-operator", Optional.empty(), false, List.of(), List.of(), true, true);

    /** Default application id of policy-service's alert topology (a second Streams app of that service). */
    public static final String POLICY_ALERTS_APPLICATION_ID = "qe-policy-service-alerts";

    /** A consumer group name, or every group whose name starts with it. */
    public record Group(String name, boolean prefixed) {
        public static Group literal(String name) {
            return new Group(name, false);
        }

        public static Group prefixed(String prefix) {
            return new Group(prefix, true);
        }
    }

    private final String user;
    private final Optional<String> streamsApplicationId;
    private final boolean transactional;
    private final List<Group> consumerGroups;
    private final List<Group> describedGroups;
    private final boolean describesCatalog;
    private final boolean managesTopics;

    ServiceAccount(String user, Optional<String> streamsApplicationId, boolean transactional, List<Group> consumerGroups,
            List<Group> describedGroups, boolean describesCatalog, boolean managesTopics) {
        this.user = user;
        this.streamsApplicationId = streamsApplicationId;
        this.transactional = transactional;
        this.consumerGroups = consumerGroups;
        this.describedGroups = describedGroups;
        this.describesCatalog = describesCatalog;
        this.managesTopics = managesTopics;
    }

    /** SCRAM user name; the Kafka principal is {@code User:<user>}. */
    public String user() {
        return user;
    }

    /**
     * Kafka Streams application id: the app's consumer group, and the prefix ({@code <id>-}) of its
     * internal topics and, under exactly-once, of its transactional ids.
     */
    public Optional<String> streamsApplicationId() {
        return streamsApplicationId;
    }

    /** True if the service may run transactional producers (Streams exactly_once_v2). */
    public boolean transactional() {
        return transactional;
    }

    /** Groups it consumes in (commits offsets), besides a Streams application's own group. */
    public List<Group> consumerGroups() {
        return consumerGroups;
    }

    /** Groups whose offsets it only reads. */
    public List<Group> describedGroups() {
        return describedGroups;
    }

    /** True if it describes every catalog topic (metadata, offsets) whether it reads it or not. */
    public boolean describesCatalog() {
        return describesCatalog;
    }

    /** True if it creates catalog topics and reads and resets their configs. */
    public boolean managesTopics() {
        return managesTopics;
    }
}
