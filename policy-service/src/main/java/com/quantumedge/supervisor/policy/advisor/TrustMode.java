package com.quantumedge.supervisor.policy.advisor;

/** How far the supervisor trusts the LLM's advice. */
public enum TrustMode {
    /** Dry run: the LLM is asked and its answers counted in metrics; nothing is published. */
    OFF,
    /** Actionable advice is published as an ALERT event for operators; nothing changes by itself. */
    ADVISE,
    /** As ADVISE, and advice the trust policy accepts is also issued as an operator command (source ADVISOR). */
    APPLY
}
