package com.quantumedge.supervisor.schemas.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a closed Kafka Streams application's members out of its consumer group, so that the instance
 * started next is assigned at once instead of after the old members' session timeout (45 s by
 * default). Kafka Streams keeps its consumers in the group on close, and in Kafka 4.1
 * {@code CloseOptions.leaveGroup(true)} only removes static members (KAFKA-16514), so the members are
 * removed through the admin API (KIP-571's remove-all). Members of other live instances are removed
 * too; they rejoin on their next heartbeat and Streams' sticky assignment keeps their tasks.
 */
public final class StreamsGroupExit {

    private static final Logger log = LoggerFactory.getLogger(StreamsGroupExit.class);

    private StreamsGroupExit() {
    }

    /** Best effort within {@code timeout}: a failure is logged, never thrown (the next start then waits out the session). */
    public static void leave(KafkaClientSettings kafka, String applicationId, Duration timeout) {
        try (Admin admin = Admin.create(kafka.admin(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-group-exit",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())))) {
            admin.removeMembersFromConsumerGroup(applicationId, new RemoveMembersFromConsumerGroupOptions())
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Left consumer group {}", applicationId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException
                    || String.valueOf(e.getCause().getMessage()).contains("No members")) {
                return;
            }
            log.warn("Could not leave consumer group {}: {}; the next start waits out the session timeout",
                    applicationId, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Leaving consumer group {} timed out after {}", applicationId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
