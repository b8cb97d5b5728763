package com.quantumedge.supervisor.clickhouse;

/**
 * A ClickHouse server version and the DDL features the sink chooses by it. TTL arrived in 19.6 and
 * LowCardinality stopped being experimental in 19.x; the sink only relies on them from 20.1 on,
 * the oldest line still seen in production. Older servers (Debian's 18.16) get plain types and
 * retention by scheduled {@code DROP PARTITION}.
 */
public record ServerVersion(int major, int minor, String text) {

    /** What diag asks a server: its version and its clock (epoch seconds), to report skew. */
    public static final String VERSION_AND_CLOCK_QUERY = "SELECT version(), toUnixTimestamp(now())";

    public static ServerVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        int major = parts.length > 0 ? Integer.parseInt(parts[0].replaceAll("\\D", "")) : 0;
        int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D", "")) : 0;
        return new ServerVersion(major, minor, text.trim());
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    public boolean supportsTtl() {
        return atLeast(20, 1);
    }

    public boolean supportsLowCardinality() {
        return atLeast(20, 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
