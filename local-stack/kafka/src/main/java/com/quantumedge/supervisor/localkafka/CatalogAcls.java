package com.quantumedge.supervisor.localkafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The Kafka ACLs of the supervisor, generated from the topic catalog ({@link TopicSpec#writers()},
 * {@link TopicSpec#readers()}) and the {@link ServiceAccount}s: allow rules only, for
 * {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}, so anything not
 * listed is refused. READ and WRITE imply DESCRIBE, so DESCRIBE is granted only where neither is.
 */
public final class CatalogAcls {

    private static final String ANY_HOST = "*";
    /** Kafka Streams internal topics: create, use, purge repartition records, validate configs. */
    private static final Set<AclOperation> STREAMS_INTERNAL_TOPICS = EnumSet.of(AclOperation.CREATE, AclOperation.DELETE,
            AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE_CONFIGS);
    private static final Set<AclOperation> TOPIC_MANAGEMENT = EnumSet.of(AclOperation.CREATE,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS);

    private CatalogAcls() {
    }

    /** One resource and the operations one account may do on it. */
    public record Grant(ServiceAccount account, ResourcePattern resource, Set<AclOperation> operations) {

        public String principal() {
            return principal(account);
        }

        public static String principal(ServiceAccount account) {
            return "User:" + account.user();
        }

        public List<AclBinding> bindings() {
            return operations.stream().map(op -> new AclBinding(resource,
                    new AccessControlEntry(principal(), ANY_HOST, op, AclPermissionType.ALLOW))).toList();
        }
    }

    /** Every grant for the catalog, ordered by account, then resource type, then the catalog's topic order. */
    public static List<Grant> grants() {
        return grants(Topics.ALL);
    }

    public static List<Grant> grants(Collection<? extends TopicSpec<?>> topics) {
        List<Grant> grants = new ArrayList<>();
        for (ServiceAccount account : ServiceAccount.values()) {
            for (TopicSpec<?> topic : topics) {
                Set<AclOperation> ops = topicOperations(account, topic);
                if (!ops.isEmpty()) {
                    grants.add(new Grant(account, literal(ResourceType.TOPIC, topic.name()), ops));
                }
            }
            account.streamsApplicationId().ifPresent(id -> {
                grants.add(new Grant(account, prefixed(ResourceType.TOPIC, id + "-"), STREAMS_INTERNAL_TOPICS));
                grants.add(new Grant(account, literal(ResourceType.GROUP, id), EnumSet.of(AclOperation.READ)));
                if (account.transactional()) {
                    grants.add(new Grant(account, prefixed(ResourceType.TRANSACTIONAL_ID, id + "-"), EnumSet.of(AclOperation.WRITE)));
                }
            });
            account.consumerGroups().forEach(g -> grants.add(new Grant(account, group(g), EnumSet.of(AclOperation.READ))));
            account.describedGroups().forEach(g -> grants.add(new Grant(account, group(g), EnumSet.of(AclOperation.DESCRIBE))));
        }
        return grants;
    }

    /** The grants as the ACL bindings a {@code createAcls} call takes. */
    public static List<AclBinding> bindings() {
        return grants().stream().flatMap(g -> g.bindings().stream()).toList();
    }

    /**
     * The grants as {@code kafka-acls.sh} command lines, one per account, resource type and
     * operation set, naming every resource that shares them. The admin connection settings are left
     * to the operator: {@code $KAFKA_BOOTSTRAP} and an {@code admin.properties} with a principal
     * allowed to alter the cluster's ACLs.
     */
    public static List<String> kafkaAclsCommands(List<Grant> grants) {
        Map<String, List<Grant>> byCommand = new LinkedHashMap<>();
        for (Grant g : grants) {
            String key = g.principal() + "|" + g.resource().resourceType() + "|" + g.resource().patternType() + "|" + g.operations();
            byCommand.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
        }
        List<String> commands = new ArrayList<>();
        for (List<Grant> same : byCommand.values()) {
            Grant first = same.get(0);
            StringBuilder cmd = new StringBuilder("kafka-acls.sh --bootstrap-server \"$KAFKA_BOOTSTRAP\" --command-config admin.properties --add")
                    .append(" --allow-principal ").append(first.principal());
            first.operations().stream().sorted(Comparator.naturalOrder())
                    .forEach(op -> cmd.append(" --operation ").append(SecurityUtils.operationName(op)));
            if (first.resource().patternType() == PatternType.PREFIXED) {
                cmd.append(" --resource-pattern-type prefixed");
            }
            String option = switch (first.resource().resourceType()) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
                default -> throw new IllegalStateException("no kafka-acls.sh option for " + first.resource().resourceType());
            };
            same.forEach(g -> cmd.append(' ').append(option).append(' ').append(g.resource().name()));
            commands.add(cmd.toString());
        }
        return commands;
    }

    /** One line per grant: principal, resource, pattern, operations. */
    public static List<String> table(List<Grant> grants) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-24s %-17s %-28s %-9s %s", "principal", "resource", "name", "pattern", "operations"));
        for (Grant g : grants) {
            lines.add(String.format("%-24s %-17s %-28s %-9s %s", g.principal(), g.resource().resourceType().name().toLowerCase(),
                    g.resource().name(), g.resource().patternType().name().toLowerCase(),
                    g.operations().stream().sorted().map(SecurityUtils::operationName).collect(Collectors.joining(","))));
        }
        return lines;
    }

    private static Set<AclOperation> topicOperations(ServiceAccount account, TopicSpec<?> topic) {
        Set<AclOperation> ops = EnumSet.noneOf(AclOperation.class);
        if (topic.writers().contains(account)) {
            ops.add(AclOperation.WRITE);
        }
        if (topic.readers().contains(account)) {
            ops.add(AclOperation.READ);
        }
        if (account.describesCatalog() && ops.isEmpty()) {
            ops.add(AclOperation.DESCRIBE);
        }
        if (account.managesTopics()) {
            ops.addAll(TOPIC_MANAGEMENT);
        }
        return ops;
    }

    private static ResourcePattern group(ServiceAccount.Group group) {
        return group.prefixed() ? prefixed(ResourceType.GROUP, group.name()) : literal(ResourceType.GROUP, group.name());
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.PREFIXED);
    }
}
