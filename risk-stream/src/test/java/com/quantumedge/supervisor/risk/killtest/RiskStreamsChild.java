package com.quantumedge.supervisor.risk.killtest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsBuilder;

import com.quantumedge.supervisor.risk.book.BookSettings;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.risk.topology.RiskStreamsConfig;
import com.quantumedge.supervisor.risk.topology.RiskTopology;
import com.quantumedge.supervisor.risk.topology.TopologySettings;

/**
 * The risk topology alone in a JVM of its own, so a test can kill it with SIGKILL. Prints
 * {@code RUNNING} once the streams run and {@code SKIPPED <n>} as it skips already-applied inputs.
 * Args: bootstrap servers, application id, state dir, {@code statestore.cache.max.bytes}.
 */
public final class RiskStreamsChild {

    public static void main(String[] args) throws InterruptedException {
        AtomicLong skipped = new AtomicLong();
        RiskMetrics metrics = new RiskMetrics() {
            @Override
            public void replayedInputSkipped(String topic) {
                System.out.println("SKIPPED " + skipped.incrementAndGet());
            }
        };
        StreamsBuilder builder = new StreamsBuilder();
        RiskTopology.buildTopology(builder, new TopologySettings(BookSettings.DEFAULTS, Duration.ofMillis(200),
                Duration.ofDays(7), Clock.systemUTC(), metrics));
        Properties config = RiskStreamsConfig.defaults(args[0], args[1], args[2]);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, args[3]);
        // The killed instance's group member would otherwise block the restart's rebalance for 45 s.
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "1000");
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        CountDownLatch done = new CountDownLatch(1);
        streams.setStateListener((to, from) -> {
            if (to == KafkaStreams.State.RUNNING) {
                System.out.println("RUNNING");
            }
            if (to == KafkaStreams.State.ERROR || to == KafkaStreams.State.NOT_RUNNING) {
                done.countDown();
            }
        });
        streams.start();
        done.await();
    }
}
