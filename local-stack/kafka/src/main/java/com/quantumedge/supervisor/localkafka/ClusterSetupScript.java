package com.quantumedge.supervisor.localkafka;

import java.util.ArrayList;
import java.util.List;

import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The catalog as a shell script an operator applies to a production cluster with Kafka's own tools:
 * SCRAM users, topics with their settings, and the ACLs of {@link CatalogAcls}, with the ACLs as a
 * table in comments. Printed by {@code ./supervisor topics --acls}; checked in as
 * {@code deploy/production/kafka-setup.sh}.
 */
public final class ClusterSetupScript {

    private static final String ADMIN = "--bootstrap-server \"$KAFKA_BOOTSTRAP\" --command-config admin.properties";

    private ClusterSetupScript() {
    }

    public static List<String> lines(Replication replication) {
        List<String> out = new ArrayList<>();
        out.add("#!/bin/sh");
        out.add("# QE Supervisor: Kafka users, topics and ACLs, generated from the topic catalog");
        out.add("# (./supervisor topics --acls" + options(replication) + "). Do not edit: regenerate.");
        out.add("# Needs KAFKA_BOOTSTRAP and admin.properties: client settings of a principal that may create");
        out.add("# topics, alter SCRAM credentials and ACLs (a super user). The brokers run StandardAuthorizer with");
        out.add("# allow.everyone.if.no.acl.found=false: what is not granted below is refused.");
        out.add("set -eu");
        out.add("");
        out.add("# One SCRAM-SHA-512 user per service; set each password (and the service's sasl.jaas.config) first.");
        for (ServiceAccount account : ServiceAccount.values()) {
            String variable = "PASSWORD_" + account.name();
            out.add("kafka-configs.sh " + ADMIN + " --alter --entity-type users --entity-name " + account.user()
                    + " --add-config \"SCRAM-SHA-512=[password=${" + variable + "}]\"");
        }
        out.add("");
        out.add("# Topics (./supervisor topics --provision does the same and reports drift).");
        for (TopicSpec<?> topic : Topics.ALL) {
            StringBuilder line = new StringBuilder("kafka-topics.sh " + ADMIN + " --create --if-not-exists --topic ")
                    .append(topic.name()).append(" --partitions ").append(topic.partitions());
            replication.factor().ifPresent(f -> line.append(" --replication-factor ").append(f));
            replication.topicConfigs(topic).forEach((k, v) -> line.append(" --config ").append(k).append('=').append(v));
            out.add(line.toString());
        }
        out.add("");
        out.add("# ACLs:");
        CatalogAcls.table(CatalogAcls.grants()).forEach(row -> out.add("#   " + row));
        out.addAll(CatalogAcls.kafkaAclsCommands(CatalogAcls.grants()));
        return out;
    }

    public static String text(Replication replication) {
        return String.join("\n", lines(replication)) + "\n";
    }

    private static String options(Replication replication) {
        return replication.factor().map(f -> " --replication-factor " + f).orElse("")
                + replication.minInsyncReplicas().map(n -> " --min-insync-replicas " + n).orElse("");
    }
}
