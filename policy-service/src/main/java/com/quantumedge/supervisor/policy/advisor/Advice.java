package com.quantumedge.supervisor.policy.advisor;

/**
 * One well-formed answer of the LLM.
 *
 * @param riskMultiplier the advised multiplier, as the model gave it (always present for LOWER_RISK,
 *                       otherwise possibly null); the trust policy clamps it before any use
 */
public record Advice(AdviceAction action, Double riskMultiplier, String reason) {
}
