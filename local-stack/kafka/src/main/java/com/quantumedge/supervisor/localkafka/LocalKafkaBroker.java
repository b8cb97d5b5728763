package com.quantumedge.supervisor.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka broker (combined broker + KRaft controller) running inside this JVM,
 * listening on loopback only. Storage is formatted once and survives restarts of the same data
 * directory; the ports of the last run are reused when free so clients keep their bootstrap address.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String PORTS_FILE = "ports.properties";
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private volatile boolean closed;

    private LocalKafkaBroker(Path dataDir, int brokerPort, int controllerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /** Starts a broker on {@code dataDir} (created and formatted if new) and returns once it serves requests. */
    public static LocalKafkaBroker start(Path dataDir) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            int[] ports = choosePorts(dataDir);
            Properties props = brokerProperties(dataDir, ports[0], ports[1]);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            format(dataDir, NODE_ID, clusterId(dataDir), List.of());
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LocalKafkaBroker broker = new LocalKafkaBroker(dataDir, ports[0], ports[1], server);
            log.info("Kafka broker ready on {} (data {}) in {} ms", broker.bootstrapServers(), dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB cleaner buffer would sit on our heap next to the services.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("auto.create.topics.enable", "false");
        p.put("delete.topic.enable", "true");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }

    /** The cluster id recorded in {@code dir}, or a new one recorded there. */
    static String clusterId(Path dir) throws IOException {
        Path idFile = dir.resolve(CLUSTER_ID_FILE);
        if (Files.exists(idFile)) {
            return Files.readString(idFile).trim();
        }
        String clusterId = Uuid.randomUuid().toString();
        Files.writeString(idFile, clusterId);
        return clusterId;
    }

    /**
     * Formats a node's storage ({@code logs} and {@code metadata} under {@code dataDir}) unless it
     * already is. {@code scramArguments} ({@code SCRAM-SHA-512=[name=...,password=...]}) become
     * SCRAM credentials in the bootstrap metadata, as {@code kafka-storage.sh format --add-scram}.
     */
    static void format(Path dataDir, int nodeId, String clusterId, List<String> scramArguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(Set.of(dataDir.resolve("logs").toString(), dataDir.resolve("metadata").toString()))
                    .setMetadataLogDirectory(dataDir.resolve("metadata").toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
        log.debug("Formatter: {}", out.toString(StandardCharsets.UTF_8).trim());
    }

    /** Ports of the previous run if both are still free, else two new free ones (recorded for next time). */
    private static int[] choosePorts(Path dataDir) throws IOException {
        Path file = dataDir.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            Properties saved = new Properties();
            try (var in = Files.newInputStream(file)) {
                saved.load(in);
            }
            int broker = Integer.parseInt(saved.getProperty("broker", "0"));
            int controller = Integer.parseInt(saved.getProperty("controller", "0"));
            if (broker > 0 && controller > 0 && isFree(broker) && isFree(controller)) {
                return new int[] {broker, controller};
            }
        }
        int broker = freePort();
        int controller = freePort();
        while (controller == broker) {
            controller = freePort();
        }
        Properties saved = new Properties();
        saved.setProperty("broker", Integer.toString(broker));
        saved.setProperty("controller", Integer.toString(controller));
        try (var out = Files.newOutputStream(file)) {
            saved.store(out, "ports of the local broker's last start");
        }
        return new int[] {broker, controller};
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
