package com.quantumedge.supervisor.policy.advisor;

import com.quantumedge.supervisor.avro.OperatorCommand;

/**
 * An operator's LLM_CHECK: review this bot now rather than at the next round. Every request is
 * answered on {@code sup.events.v1} under its command id: the advice, or why there is none.
 */
record CheckRequest(String botId, String commandId, String issuedBy) {

    static CheckRequest of(OperatorCommand command) {
        return new CheckRequest(command.getBotId(), command.getCommandId(), command.getIssuedBy());
    }
}
