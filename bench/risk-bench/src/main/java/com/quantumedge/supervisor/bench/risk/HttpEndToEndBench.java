package com.quantumedge.supervisor.bench.risk;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.book.MismatchPolicy;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Order checks end to end over HTTP, everything on this machine in one JVM: the bot's
 * {@code POST /api/v1/risk/evaluate} to the real gateway (security, validation, Avro), through a real
 * KRaft broker to the real risk-stream topology and back. Baseline in the same run: a raw Kafka
 * produce→consume loop. The gateway runs with its production order-check timeout (250 ms): an
 * answer that takes longer is SUPERVISOR_UNAVAILABLE and shows in the answer counts.
 *
 * <p>Args (optional): sequential samples, in-flight requests, in-flight window, bots.
 */
public final class HttpEndToEndBench {

    private static final String RAW_TOPIC = "bench.raw-loop";

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int botCount = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        GeneratedClasses.trust();
        Path dir = Path.of("target", "bench-e2e-" + UUID.randomUUID()).toAbsolutePath();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
                admin.createTopics(List.of(new NewTopic(RAW_TOPIC, Topics.PARTITIONS, (short) 1))).all().get();
            }
            // Wall-clock event times over HTTP: reservations expire after 1 s and the submit-rate limit
            // is out of the way, so orders keep passing every check instead of piling up denials.
            KafkaLatencyBench.publishLimits(bootstrap, 1_000_000, 1_000_000);
            KafkaStreams streams = KafkaLatencyBench.startRiskStreams(bootstrap, dir.resolve("streams"), 1,
                    new BookSettings(Duration.ofSeconds(1), MismatchPolicy.TRUST_FILLS, 1e-9, ZoneId.of("UTC")));
            List<HttpCheckClient.Bot> bots = new ArrayList<>();
            List<String> gatewayArgs = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
                    "--supervisor.gateway.limits.requests-per-second=1000000", "--logging.level.root=WARN",
                    "--supervisor.gateway.producer.linger-ms=" + Integer.getInteger("bench.gatewayLingerMs", 0),
                    "--supervisor.gateway.security.operator-token=" + UUID.randomUUID(),
                    "--supervisor.gateway.security.viewer-token=" + UUID.randomUUID()));
            for (int i = 0; i < botCount; i++) {
                HttpCheckClient.Bot bot = new HttpCheckClient.Bot("bench-bot-" + i, "bench-token-" + UUID.randomUUID());
                bots.add(bot);
                String prefix = "--supervisor.gateway.security.tokens[" + i + "].";
                gatewayArgs.addAll(List.of(prefix + "name=" + bot.id(), prefix + "role=BOT", prefix + "token=" + bot.token(),
                        prefix + "bot-id=" + bot.id(), prefix + "requests-per-second=1000000"));
            }
            try (ConfigurableApplicationContext gateway = SpringApplication.run(GatewayApplication.class, gatewayArgs.toArray(String[]::new))) {
                String url = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
                KafkaLatencyBench.report("raw", KafkaLatencyBench.run(new RawLoopClient(bootstrap, RAW_TOPIC, 220), samples, requests, window),
                        "http", KafkaLatencyBench.run(new HttpCheckClient(url, bots), samples, requests, window));
            } finally {
                streams.close(Duration.ofSeconds(10));
            }
        }
    }

    private HttpEndToEndBench() {
    }
}
