package com.quantumedge.supervisor.clickhouse;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An engine that remembers the text of every statement passed to it (whether it worked or not:
 * the dialect test checks outcomes separately), so the test can tell which of the project's
 * statements it ran.
 */
final class StatementLog implements ClickHouse {

    private final ClickHouse engine;
    private final Queue<String> statements;

    StatementLog(ClickHouse engine, Queue<String> statements) {
        this.engine = engine;
        this.statements = statements;
    }

    static Queue<String> newLog() {
        return new ConcurrentLinkedQueue<>();
    }

    @Override
    public String url() {
        return engine.url();
    }

    @Override
    public boolean ping() {
        return engine.ping();
    }

    @Override
    public void execute(String sql) {
        statements.add(sql);
        engine.execute(sql);
    }

    @Override
    public List<List<String>> query(String sql) {
        statements.add(sql);
        return engine.query(sql);
    }

    @Override
    public List<Map<String, String>> queryNamed(String sql) {
        statements.add(sql);
        return engine.queryNamed(sql);
    }

    @Override
    public void insertRowBinary(String table, byte[] rows, int length) {
        engine.insertRowBinary(table, rows, length);
    }

    @Override
    public void close() {
        engine.close();
    }
}
