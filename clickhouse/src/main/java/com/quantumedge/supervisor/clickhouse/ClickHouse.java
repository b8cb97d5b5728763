package com.quantumedge.supervisor.clickhouse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The few operations the sink and its readers need from ClickHouse. Statements name every table
 * with its database. {@link #connect} gives the HTTP client every service uses; the dialect test
 * runs the same migrations and queries through another implementation on an embedded current
 * ClickHouse.
 */
public interface ClickHouse extends AutoCloseable {

    static ClickHouse connect(String url, String user, String password, Duration timeout) {
        return HttpClickHouse.connect(url, user, password, timeout);
    }

    static ClickHouse connect(String url) {
        return connect(url, "default", "", Duration.ofSeconds(30));
    }

    /** A string literal for SQL text: quoted, with backslashes and quotes escaped. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    String url();

    boolean ping();

    void execute(String sql);

    /** Rows of a SELECT; every value as text, as TabSeparated shows it. */
    List<List<String>> query(String sql);

    /** Rows of a SELECT as column name to text value, in column order. */
    List<Map<String, String>> queryNamed(String sql);

    /** Inserts {@code length} bytes of RowBinary rows into {@code table} (a fully qualified name). */
    void insertRowBinary(String table, byte[] rows, int length);

    /** The single value of a one-row, one-column SELECT. */
    default String queryValue(String sql) {
        List<List<String>> rows = query(sql);
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new ClickHouseException("no value for: " + HttpClickHouse.abbreviate(sql), null);
        }
        return rows.get(0).get(0);
    }

    default long queryLong(String sql) {
        return Long.parseLong(queryValue(sql));
    }

    default ServerVersion version() {
        return ServerVersion.parse(queryValue("SELECT version()"));
    }

    @Override
    void close();
}
