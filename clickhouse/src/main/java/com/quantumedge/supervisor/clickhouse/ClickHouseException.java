package com.quantumedge.supervisor.clickhouse;

/** A statement ClickHouse did not accept or could not be reached for; the message names the statement. */
public class ClickHouseException extends RuntimeException {

    public ClickHouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
