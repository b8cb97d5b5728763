package com.quantumedge.supervisor.risk.book;

/**
 * Memory of the exec ids a bot's state has applied, so a fill the bot reports twice is applied once.
 * Each entry remembers the input position (partition:offset) that applied it: re-reading that same
 * record after a crash is not a duplicate, another record with the same exec id is.
 */
public interface AppliedExecutions {

    boolean isDuplicate(String botId, String execId, String inputPosition);

    void record(String botId, String execId, String inputPosition, long tsMs);
}
