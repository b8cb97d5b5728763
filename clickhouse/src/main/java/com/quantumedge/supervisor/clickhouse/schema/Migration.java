package com.quantumedge.supervisor.clickhouse.schema;

import java.util.List;

/** One versioned step of the sink's ClickHouse schema; every statement is safe to run twice. */
public record Migration(int version, String name, List<String> statements) {
}
