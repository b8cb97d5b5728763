package com.quantumedge.supervisor.simbot;

/** Simulated QuantumEdge bot (filled in by the supervision-loop issue). */
public final class SimBot {

    private SimBot() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sim-bot started");
        Thread.sleep(Long.MAX_VALUE);
    }
}
