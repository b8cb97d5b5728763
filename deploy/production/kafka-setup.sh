#!/bin/sh
# QE Supervisor: Kafka users, topics and ACLs, generated from the topic catalog
# (./supervisor topics --acls --replication-factor 3 --min-insync-replicas 2). Do not edit: regenerate.
# Needs KAFKA_BOOTSTRAP and admin.properties: client settings of a principal that may create
# topics, alter SCRAM credentials and ACLs (a super user). The brokers run StandardAuthorizer with
# allow.everyone.if.no.acl.found=false: what is not granted below is refused.
set -eu

# One SCRAM-SHA-512 user per service; set each password (and the service's sasl.jaas.config) first.
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-gateway --add-config "SCRAM-SHA-512=[password=${PASSWORD_GATEWAY}]"
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-risk-stream --add-config "SCRAM-SHA-512=[password=${PASSWORD_RISK_STREAM}]"
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-policy-service --add-config "SCRAM-SHA-512=[password=${PASSWORD_POLICY_SERVICE}]"
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-process-agent --add-config "SCRAM-SHA-512=[password=${PASSWORD_PROCESS_AGENT}]"
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-tsdb-sink --add-config "SCRAM-SHA-512=[password=${PASSWORD_TSDB_SINK}]"
kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --alter --entity-type users --entity-name qe-operator --add-config "SCRAM-SHA-512=[password=${PASSWORD_OPERATOR}]"

# Topics (./supervisor topics --provision does the same and reports drift).
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic qe.heartbeats.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic qe.order-requests.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic qe.order-decisions.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic qe.executions.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.risk-state.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=compact --config min.insync.replicas=2
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.operator-commands.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.control-commands.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.agent-status.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=604800000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.events.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.snapshots.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.ticks.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=86400000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.risk-limits.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=compact --config min.insync.replicas=2
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.alerts.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=compact --config min.insync.replicas=2
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --create --if-not-exists --topic sup.dlq.v1 --partitions 6 --replication-factor 3 --config cleanup.policy=delete --config min.insync.replicas=2 --config retention.ms=2592000000

# ACLs:
#   principal                resource          name                         pattern   operations
#   User:qe-gateway          topic             qe.heartbeats.v1             literal   Read,Write
#   User:qe-gateway          topic             qe.order-requests.v1         literal   Write
#   User:qe-gateway          topic             qe.order-decisions.v1        literal   Read
#   User:qe-gateway          topic             qe.executions.v1             literal   Write
#   User:qe-gateway          topic             sup.risk-state.v1            literal   Read
#   User:qe-gateway          topic             sup.operator-commands.v1     literal   Write
#   User:qe-gateway          topic             sup.control-commands.v1      literal   Describe
#   User:qe-gateway          topic             sup.agent-status.v1          literal   Read
#   User:qe-gateway          topic             sup.events.v1                literal   Read,Write
#   User:qe-gateway          topic             sup.snapshots.v1             literal   Read
#   User:qe-gateway          topic             sup.ticks.v1                 literal   Describe
#   User:qe-gateway          topic             sup.risk-limits.v1           literal   Read,Write
#   User:qe-gateway          topic             sup.alerts.v1                literal   Read
#   User:qe-gateway          topic             sup.dlq.v1                   literal   Write
#   User:qe-gateway          group             tsdb-sink                    literal   Describe
#   User:qe-risk-stream      topic             qe.heartbeats.v1             literal   Read
#   User:qe-risk-stream      topic             qe.order-requests.v1         literal   Read
#   User:qe-risk-stream      topic             qe.order-decisions.v1        literal   Write
#   User:qe-risk-stream      topic             qe.executions.v1             literal   Read
#   User:qe-risk-stream      topic             sup.risk-state.v1            literal   Write
#   User:qe-risk-stream      topic             sup.operator-commands.v1     literal   Read
#   User:qe-risk-stream      topic             sup.events.v1                literal   Write
#   User:qe-risk-stream      topic             sup.risk-limits.v1           literal   Read,Write
#   User:qe-risk-stream      topic             sup.dlq.v1                   literal   Write
#   User:qe-risk-stream      topic             risk-stream-                 prefixed  Read,Write,Create,Delete,DescribeConfigs
#   User:qe-risk-stream      group             risk-stream                  literal   Read
#   User:qe-policy-service   topic             qe.heartbeats.v1             literal   Read
#   User:qe-policy-service   topic             sup.risk-state.v1            literal   Read
#   User:qe-policy-service   topic             sup.operator-commands.v1     literal   Read,Write
#   User:qe-policy-service   topic             sup.control-commands.v1      literal   Write
#   User:qe-policy-service   topic             sup.agent-status.v1          literal   Read
#   User:qe-policy-service   topic             sup.events.v1                literal   Read,Write
#   User:qe-policy-service   topic             sup.snapshots.v1             literal   Read,Write
#   User:qe-policy-service   topic             sup.ticks.v1                 literal   Read,Write
#   User:qe-policy-service   topic             sup.alerts.v1                literal   Read,Write
#   User:qe-policy-service   topic             sup.dlq.v1                   literal   Read,Write
#   User:qe-policy-service   topic             qe-policy-service-           prefixed  Read,Write,Create,Delete,DescribeConfigs
#   User:qe-policy-service   group             qe-policy-service            literal   Read
#   User:qe-policy-service   transactional_id  qe-policy-service-           prefixed  Write
#   User:qe-policy-service   group             qe-policy-advisor            literal   Read
#   User:qe-policy-service   group             qe-policy-service-alerts     literal   Read
#   User:qe-process-agent    topic             sup.control-commands.v1      literal   Read
#   User:qe-process-agent    topic             sup.agent-status.v1          literal   Write
#   User:qe-process-agent    topic             sup.events.v1                literal   Write
#   User:qe-process-agent    topic             sup.dlq.v1                   literal   Write
#   User:qe-process-agent    group             process-agent.               prefixed  Read
#   User:qe-tsdb-sink        topic             qe.heartbeats.v1             literal   Read
#   User:qe-tsdb-sink        topic             qe.order-requests.v1         literal   Read
#   User:qe-tsdb-sink        topic             qe.order-decisions.v1        literal   Read
#   User:qe-tsdb-sink        topic             qe.executions.v1             literal   Read
#   User:qe-tsdb-sink        topic             sup.risk-state.v1            literal   Read
#   User:qe-tsdb-sink        topic             sup.operator-commands.v1     literal   Read
#   User:qe-tsdb-sink        topic             sup.control-commands.v1      literal   Read
#   User:qe-tsdb-sink        topic             sup.agent-status.v1          literal   Read
#   User:qe-tsdb-sink        topic             sup.events.v1                literal   Read
#   User:qe-tsdb-sink        topic             sup.snapshots.v1             literal   Read
#   User:qe-tsdb-sink        topic             sup.risk-limits.v1           literal   Read
#   User:qe-tsdb-sink        topic             sup.alerts.v1                literal   Read
#   User:qe-tsdb-sink        topic             sup.dlq.v1                   literal   Write
#   User:qe-tsdb-sink        group             tsdb-sink                    literal   Read
#   User:qe-operator         topic             qe.heartbeats.v1             literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             qe.order-requests.v1         literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             qe.order-decisions.v1        literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             qe.executions.v1             literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.risk-state.v1            literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.operator-commands.v1     literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.control-commands.v1      literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.agent-status.v1          literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.events.v1                literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.snapshots.v1             literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.ticks.v1                 literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.risk-limits.v1           literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.alerts.v1                literal   Read,Create,DescribeConfigs,AlterConfigs
#   User:qe-operator         topic             sup.dlq.v1                   literal   Read,Create,DescribeConfigs,AlterConfigs
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-gateway --operation Read --operation Write --topic qe.heartbeats.v1 --topic sup.events.v1 --topic sup.risk-limits.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-gateway --operation Write --topic qe.order-requests.v1 --topic qe.executions.v1 --topic sup.operator-commands.v1 --topic sup.dlq.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-gateway --operation Read --topic qe.order-decisions.v1 --topic sup.risk-state.v1 --topic sup.agent-status.v1 --topic sup.snapshots.v1 --topic sup.alerts.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-gateway --operation Describe --topic sup.control-commands.v1 --topic sup.ticks.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-gateway --operation Describe --group tsdb-sink
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-risk-stream --operation Read --topic qe.heartbeats.v1 --topic qe.order-requests.v1 --topic qe.executions.v1 --topic sup.operator-commands.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-risk-stream --operation Write --topic qe.order-decisions.v1 --topic sup.risk-state.v1 --topic sup.events.v1 --topic sup.dlq.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-risk-stream --operation Read --operation Write --topic sup.risk-limits.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-risk-stream --operation Read --operation Write --operation Create --operation Delete --operation DescribeConfigs --resource-pattern-type prefixed --topic risk-stream-
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-risk-stream --operation Read --group risk-stream
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Read --topic qe.heartbeats.v1 --topic sup.risk-state.v1 --topic sup.agent-status.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Read --operation Write --topic sup.operator-commands.v1 --topic sup.events.v1 --topic sup.snapshots.v1 --topic sup.ticks.v1 --topic sup.alerts.v1 --topic sup.dlq.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Write --topic sup.control-commands.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Read --operation Write --operation Create --operation Delete --operation DescribeConfigs --resource-pattern-type prefixed --topic qe-policy-service-
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Read --group qe-policy-service --group qe-policy-advisor --group qe-policy-service-alerts
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-policy-service --operation Write --resource-pattern-type prefixed --transactional-id qe-policy-service-
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-process-agent --operation Read --topic sup.control-commands.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-process-agent --operation Write --topic sup.agent-status.v1 --topic sup.events.v1 --topic sup.dlq.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-process-agent --operation Read --resource-pattern-type prefixed --group process-agent.
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-tsdb-sink --operation Read --topic qe.heartbeats.v1 --topic qe.order-requests.v1 --topic qe.order-decisions.v1 --topic qe.executions.v1 --topic sup.risk-state.v1 --topic sup.operator-commands.v1 --topic sup.control-commands.v1 --topic sup.agent-status.v1 --topic sup.events.v1 --topic sup.snapshots.v1 --topic sup.risk-limits.v1 --topic sup.alerts.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-tsdb-sink --operation Write --topic sup.dlq.v1
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-tsdb-sink --operation Read --group tsdb-sink
kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config admin.properties --add --allow-principal User:qe-operator --operation Read --operation Create --operation DescribeConfigs --operation AlterConfigs --topic qe.heartbeats.v1 --topic qe.order-requests.v1 --topic qe.order-decisions.v1 --topic qe.executions.v1 --topic sup.risk-state.v1 --topic sup.operator-commands.v1 --topic sup.control-commands.v1 --topic sup.agent-status.v1 --topic sup.events.v1 --topic sup.snapshots.v1 --topic sup.ticks.v1 --topic sup.risk-limits.v1 --topic sup.alerts.v1 --topic sup.dlq.v1
