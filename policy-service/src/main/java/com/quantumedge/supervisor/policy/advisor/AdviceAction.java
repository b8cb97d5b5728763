package com.quantumedge.supervisor.policy.advisor;

/** What the LLM may advise; nothing else is accepted. */
public enum AdviceAction {
    NONE, PAUSE_ENTRIES, RESUME_ENTRIES, LOWER_RISK
}
