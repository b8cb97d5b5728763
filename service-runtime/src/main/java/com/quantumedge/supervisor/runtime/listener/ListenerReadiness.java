package com.quantumedge.supervisor.runtime.listener;

/**
 * What a listener itself knows about being able to answer: positioned at the end of its topic,
 * caught up with a view, assigned its partitions. {@link SupervisedListener} reports it in readiness
 * together with whether its consumer is running.
 */
public interface ListenerReadiness {

    /** Always ready while its consumer runs. */
    ListenerReadiness RUNNING = () -> null;

    /** Null when ready; else why not, for the readiness details. */
    String whyNotReady();

    /**
     * Its consumer stopped (closed, failed or being replaced): what it knew about its position no
     * longer holds until the next consumer has positioned itself. Called on the consumer's thread.
     */
    default void consumerStopped() {
    }
}
