package com.quantumedge.supervisor.policy.advisor;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.RecordingOutput;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** An {@link Advisor} talking to a real local HTTP server, publishing into a list. */
final class AdvisorHarness implements AutoCloseable {

    final RecordingOutput output = new RecordingOutput();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Advisor advisor;

    AdvisorHarness(AdvisorProperties settings, ApiKey apiKey) {
        advisor = new Advisor(settings, apiKey, output, registry, Clock.systemUTC());
    }

    AdvisorHarness(AdvisorProperties settings) {
        this(settings, ApiKey.none());
    }

    /** Feeds a new snapshot, runs one round and waits until its calls are settled. */
    AdvisorHarness adviseOn(Snapshot snapshot) {
        advisor.inputs().onSnapshot(snapshot, 0);
        advisor.startRound();
        awaitSettled();
        return this;
    }

    void awaitSettled() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> advisor.callsInFlight() == 0);
    }

    double count(String meter, String tag, String value) {
        Counter counter = registry.find(meter).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String meter, String tag, String value) {
        return registry.get(meter).tag(tag, value).gauge().value();
    }

    @Override
    public void close() {
        advisor.close();
    }
}
