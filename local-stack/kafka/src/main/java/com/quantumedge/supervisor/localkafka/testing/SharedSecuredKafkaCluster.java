package com.quantumedge.supervisor.localkafka.testing;

import java.nio.file.Path;
import java.util.UUID;

import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;

/**
 * One secured three-node cluster per test JVM ({@link SecuredKafkaCluster}), started on first use
 * with the catalog's topics (replicated 3×, min ISR 2) and ACLs, and stopped (its data deleted)
 * when the JVM exits. Needs {@code org.bouncycastle:bcpkix-jdk18on} on the test classpath. A test
 * that stops a node restarts it and waits for full replication before it ends.
 */
public final class SharedSecuredKafkaCluster {

    private static volatile SecuredKafkaCluster cluster;

    private SharedSecuredKafkaCluster() {
    }

    public static SecuredKafkaCluster get() {
        SecuredKafkaCluster c = cluster;
        if (c == null) {
            synchronized (SharedSecuredKafkaCluster.class) {
                c = cluster;
                if (c == null) {
                    c = startAndProvision();
                    cluster = c;
                }
            }
        }
        return c;
    }

    private static SecuredKafkaCluster startAndProvision() {
        Path dir = Path.of("target", "test-secured-kafka-" + UUID.randomUUID()).toAbsolutePath();
        SecuredKafkaCluster started = SecuredKafkaCluster.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            SharedKafkaBroker.deleteQuietly(dir);
        }, "shared-secured-kafka-shutdown"));
        started.provisionCatalog();
        return started;
    }
}
