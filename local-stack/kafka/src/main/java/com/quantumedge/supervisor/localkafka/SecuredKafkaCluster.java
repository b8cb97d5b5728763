package com.quantumedge.supervisor.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * A secured three-node Kafka cluster inside this JVM, shaped like production: three combined
 * broker + KRaft controller nodes (a quorum that survives one node down), topics replicated 3× with
 * {@code min.insync.replicas=2}, and three listeners per node on loopback:
 * <ul>
 * <li>{@code CLIENT}: SASL_SSL with SCRAM-SHA-512, one user per {@link ServiceAccount} plus
 *     {@value #ADMIN_USER} (a super user, for provisioning);</li>
 * <li>{@code INTERNAL} (replication) and {@code CONTROLLER}: TLS with client certificates required;
 *     brokers authenticate as {@link ClusterCertificates#BROKER_PRINCIPAL}, a super user. No
 *     password is involved between nodes, and nothing but a holder of the broker key gets in.</li>
 * </ul>
 * Authorization is {@code StandardAuthorizer}: what is not allowed by an ACL is refused
 * ({@link #provisionCatalog()} creates the catalog's, from {@link CatalogAcls}). Certificates,
 * passwords, cluster id and ports are kept in the directory, so the cluster (or one node) restarts
 * on it with the same identity and addresses.
 *
 * <p>In-process nodes stop gracefully only ({@link #stopBroker(int)}): a crash (SIGKILL) needs a
 * node in its own JVM.
 */
public final class SecuredKafkaCluster implements AutoCloseable {

    public static final int NODES = 3;
    public static final String ADMIN_USER = "qe-admin";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    public static final Replication REPLICATION = Replication.of(NODES, 2);

    private static final Logger log = LoggerFactory.getLogger(SecuredKafkaCluster.class);
    private static final String HOST = LocalKafkaBroker.HOST;
    private static final String[] LISTENERS = {"CLIENT", "INTERNAL", "CONTROLLER"};
    private static final String STANDARD_AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private final Path dir;
    private final ClusterCertificates certificates;
    private final Map<String, String> passwords;
    private final Map<Integer, Map<String, Integer>> ports;
    private final Map<Integer, KafkaConfig> configs = new HashMap<>();
    private final Map<Integer, KafkaRaftServer> running = new HashMap<>();
    private boolean closed;

    private SecuredKafkaCluster(Path dir, ClusterCertificates certificates, Map<String, String> passwords,
            Map<Integer, Map<String, Integer>> ports) {
        this.dir = dir;
        this.certificates = certificates;
        this.passwords = passwords;
        this.ports = ports;
    }

    /**
     * Starts the three nodes on {@code dir} (certificates, credentials and storage created if new)
     * and returns once all three serve clients. Topics and ACLs: {@link #provisionCatalog()}.
     */
    public static SecuredKafkaCluster start(Path dir) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            ClusterCertificates certificates = ClusterCertificates.in(dir.resolve("certs"));
            Map<String, String> passwords = storedMap(dir.resolve("credentials.properties"), "SCRAM passwords", users(),
                    user -> ClusterCertificates.randomHex());
            Set<Integer> taken = new HashSet<>();
            Map<String, String> portNames = storedMap(dir.resolve("ports.properties"), "ports of the first start", portKeys(),
                    key -> Integer.toString(distinctFreePort(taken)));
            Map<Integer, Map<String, Integer>> ports = new LinkedHashMap<>();
            for (int node = 1; node <= NODES; node++) {
                Map<String, Integer> nodePorts = new LinkedHashMap<>();
                for (String listener : LISTENERS) {
                    nodePorts.put(listener, Integer.parseInt(portNames.get(portKey(node, listener))));
                }
                ports.put(node, nodePorts);
            }
            SecuredKafkaCluster cluster = new SecuredKafkaCluster(dir, certificates, passwords, ports);
            String clusterId = LocalKafkaBroker.clusterId(dir);
            List<String> scram = passwords.entrySet().stream()
                    .map(e -> SASL_MECHANISM + "=[name=" + e.getKey() + ",password=" + e.getValue() + "]").toList();
            for (int node = 1; node <= NODES; node++) {
                cluster.configs.put(node, KafkaConfig.fromProps(cluster.nodeProperties(node), false));
                LocalKafkaBroker.format(cluster.nodeDir(node), node, clusterId, scram);
            }
            long prepared = System.nanoTime();
            // A node's startup waits for the controller quorum, which needs two nodes: start all at once.
            CompletableFuture<?>[] starts = IntStream.rangeClosed(1, NODES)
                    .mapToObj(node -> CompletableFuture.runAsync(() -> cluster.startNode(node)))
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(starts).get(3, TimeUnit.MINUTES);
            } catch (Exception e) {
                cluster.close();
                throw new IllegalStateException("Secured Kafka cluster did not start: " + e.getMessage(), e);
            }
            log.info("Secured Kafka cluster ({} nodes, SASL_SSL {}) ready on {} in {} ms ({} ms certificates and storage)",
                    NODES, SASL_MECHANISM, cluster.bootstrapServers(), (System.nanoTime() - started) / 1_000_000,
                    (prepared - started) / 1_000_000);
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CLIENT listener of every node, running or not (clients skip the ones that are down). */
    public String bootstrapServers() {
        return ports.values().stream().map(p -> HOST + ":" + p.get("CLIENT")).collect(Collectors.joining(","));
    }

    public int clientPort(int node) {
        return ports.get(node).get("CLIENT");
    }

    public ClusterCertificates certificates() {
        return certificates;
    }

    public Path dir() {
        return dir;
    }

    /** Client settings of a service's principal: bootstrap, SASL_SSL, SCRAM, truststore. */
    public Map<String, Object> clientProperties(ServiceAccount account) {
        return clientProperties(account.user(), passwords.get(account.user()));
    }

    /** Client settings of the super user {@value #ADMIN_USER}: topics, ACLs, anything. */
    public Map<String, Object> adminProperties() {
        return clientProperties(ADMIN_USER, passwords.get(ADMIN_USER));
    }

    /** Client settings for any user name and password, e.g. a wrong one. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_SSL.name);
        p.put(SaslConfigs.SASL_MECHANISM, SASL_MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificates.truststore().toString());
        p.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, certificates.password());
        p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, ClusterCertificates.STORE_TYPE);
        return p;
    }

    /**
     * Creates the catalog's ACLs, then its topics (replicated 3×, {@code min.insync.replicas=2}),
     * and waits until every replica is in sync. The order matters: a broker that holds a replica of
     * a topic has applied the metadata before it, the ACLs included, so every broker enforces them
     * once this returns.
     */
    public TopicProvisioner.Report provisionCatalog() {
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createAcls(CatalogAcls.bindings()).all().get(1, TimeUnit.MINUTES);
            TopicProvisioner.Report report = new TopicProvisioner(admin, REPLICATION).provision(Topics.ALL, true);
            awaitFullyReplicated(admin, Topics.ALL.stream().map(TopicSpec::name).toList());
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot provision the catalog: " + e.getMessage(), e);
        }
    }

    /** Waits (up to two minutes) until every partition of {@code topics} has all its replicas in sync. */
    public void awaitFullyReplicated(Collection<String> topics) {
        try (Admin admin = Admin.create(adminProperties())) {
            awaitFullyReplicated(admin, topics);
        }
    }

    public synchronized SortedSet<Integer> runningBrokers() {
        return new TreeSet<>(running.keySet());
    }

    /** Stops a node gracefully (controlled shutdown: its leaderships move first). */
    public void stopBroker(int node) {
        KafkaRaftServer server;
        synchronized (this) {
            server = running.remove(node);
        }
        if (server == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        log.info("Secured Kafka node {} stopped in {} ms", node, (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts a stopped node again on its storage, ports and identity; returns once it serves. */
    public void restartBroker(int node) {
        synchronized (this) {
            if (running.containsKey(node)) {
                throw new IllegalStateException("node " + node + " is running");
            }
        }
        long started = System.nanoTime();
        startNode(node);
        log.info("Secured Kafka node {} restarted in {} ms", node, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Together, like the start: a node stopping alone waits for a quorum the others may have left.
        CompletableFuture.allOf(runningBrokers().stream()
                .map(node -> CompletableFuture.runAsync(() -> stopBroker(node)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void startNode(int node) {
        KafkaRaftServer server = new KafkaRaftServer(configs.get(node), Time.SYSTEM);
        server.startup();
        synchronized (this) {
            running.put(node, server);
        }
    }

    private Path nodeDir(int node) {
        return dir.resolve("node-" + node);
    }

    Properties nodeProperties(int node) {
        Map<String, Integer> own = ports.get(node);
        Properties p = LocalKafkaBroker.brokerProperties(nodeDir(node), own.get("CLIENT"), own.get("CONTROLLER"));
        p.put("node.id", Integer.toString(node));
        p.put("controller.quorum.voters", ports.entrySet().stream()
                .map(e -> e.getKey() + "@" + HOST + ":" + e.getValue().get("CONTROLLER")).collect(Collectors.joining(",")));
        p.put("listeners", listeners(own, LISTENERS));
        p.put("advertised.listeners", listeners(own, "CLIENT", "INTERNAL"));
        p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("controller.listener.names", "CONTROLLER");

        p.put("sasl.enabled.mechanisms", SASL_MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("listener.name.internal.ssl.client.auth", "required");
        p.put("listener.name.controller.ssl.client.auth", "required");
        p.put("ssl.keystore.location", certificates.keystore().toString());
        p.put("ssl.keystore.password", certificates.password());
        p.put("ssl.key.password", certificates.password());
        p.put("ssl.keystore.type", ClusterCertificates.STORE_TYPE);
        p.put("ssl.truststore.location", certificates.truststore().toString());
        p.put("ssl.truststore.password", certificates.password());
        p.put("ssl.truststore.type", ClusterCertificates.STORE_TYPE);

        p.put("authorizer.class.name", STANDARD_AUTHORIZER);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", ClusterCertificates.BROKER_PRINCIPAL + ";User:" + ADMIN_USER);

        String factor = Integer.toString(NODES);
        String minIsr = REPLICATION.minInsyncReplicas().orElseThrow().toString();
        p.put("default.replication.factor", factor);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", factor);
        p.put("transaction.state.log.replication.factor", factor);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", factor);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // Three nodes share this JVM, often on a loaded machine: multi-second pauses must not cost the
        // controller its leadership or a broker its registration. Graceful stops hand over at once.
        p.put("controller.quorum.fetch.timeout.ms", "10000");
        p.put("broker.session.timeout.ms", "20000");
        // One network thread per listener is plenty here.
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        return p;
    }

    private static String listeners(Map<String, Integer> ports, String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            out.add(name + "://" + HOST + ":" + ports.get(name));
        }
        return String.join(",", out);
    }

    private static void awaitFullyReplicated(Admin admin, Collection<String> topics) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        List<String> lagging = List.of();
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                lagging = described.values().stream()
                        .flatMap(d -> d.partitions().stream().filter(SecuredKafkaCluster::underReplicated)
                                .map(p -> d.name() + "-" + p.partition()))
                        .toList();
                if (lagging.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                lagging = List.of(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Still under-replicated after 2 minutes: " + lagging);
    }

    private static boolean underReplicated(TopicPartitionInfo partition) {
        return partition.leader() == null || partition.isr().size() < partition.replicas().size();
    }

    private static int distinctFreePort(Set<Integer> taken) {
        int port = LocalKafkaBroker.freePort();
        while (!taken.add(port)) {
            port = LocalKafkaBroker.freePort();
        }
        return port;
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>();
        users.add(ADMIN_USER);
        for (ServiceAccount account : ServiceAccount.values()) {
            users.add(account.user());
        }
        return users;
    }

    private static List<String> portKeys() {
        List<String> keys = new ArrayList<>();
        for (int node = 1; node <= NODES; node++) {
            for (String listener : LISTENERS) {
                keys.add(portKey(node, listener));
            }
        }
        return keys;
    }

    private static String portKey(int node, String listener) {
        return "node-" + node + "." + listener.toLowerCase();
    }

    /** Values of {@code keys} from {@code file}, the missing ones made by {@code create} and saved. */
    private static Map<String, String> storedMap(Path file, String comment, List<String> keys,
            java.util.function.Function<String, String> create) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            }
        }
        boolean changed = false;
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            String value = stored.getProperty(key);
            if (value == null) {
                value = create.apply(key);
                stored.setProperty(key, value);
                changed = true;
            }
            values.put(key, value);
        }
        if (changed) {
            try (OutputStream out = Files.newOutputStream(file)) {
                stored.store(out, comment);
            }
        }
        return values;
    }
}
