package com.quantumedge.supervisor.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;

/**
 * {@link ClickHouse} over client-v2's HTTP client, in the shape that works on every server from
 * 18.16 on: uncompressed responses (18.16 returns empty SELECTs otherwise), explicit output formats
 * (the typed readers fail on 18.16) and fully qualified table names in every statement (18.16
 * ignores the database header).
 */
final class HttpClickHouse implements ClickHouse {

    private final Client client;
    private final String url;
    private final Duration timeout;

    private HttpClickHouse(Client client, String url, Duration timeout) {
        this.client = client;
        this.url = url;
        this.timeout = timeout;
    }

    static HttpClickHouse connect(String url, String user, String password, Duration timeout) {
        Client client = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(Math.min(timeout.toMillis(), 5_000), ChronoUnit.MILLIS)
                .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                .setExecutionTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                .build();
        return new HttpClickHouse(client, url, timeout);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean ping() {
        try {
            return client.ping(Math.min(timeout.toMillis(), 2_000));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void execute(String sql) {
        closeQuietly(await(() -> client.execute(sql), sql));
    }

    /** Rows of a SELECT, read as TabSeparated and unescaped; every value as text. */
    @Override
    public List<List<String>> query(String sql) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
        // 18.16 ignores the format the client asks for over HTTP: name it in the statement.
        String statement = sql + "\nFORMAT TabSeparated";
        try (QueryResponse response = await(() -> client.query(statement, settings), sql)) {
            return TabSeparated.parse(response.getInputStream());
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot read result of: " + abbreviate(sql), e);
        }
    }

    /** Rows of a SELECT as column name to text value, in column order. */
    @Override
    public List<java.util.Map<String, String>> queryNamed(String sql) {
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparatedWithNames);
        List<List<String>> rows;
        String statement = sql + "\nFORMAT TabSeparatedWithNames";
        try (QueryResponse response = await(() -> client.query(statement, settings), sql)) {
            rows = TabSeparated.parse(response.getInputStream());
        } catch (ClickHouseException e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseException("cannot read result of: " + abbreviate(sql), e);
        }
        List<java.util.Map<String, String>> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<String> names = rows.get(0);
        for (List<String> row : rows.subList(1, rows.size())) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < names.size() && i < row.size(); i++) {
                m.put(names.get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }

    /** Inserts {@code length} bytes of RowBinary rows into {@code table} (a fully qualified name). */
    @Override
    public void insertRowBinary(String table, byte[] rows, int length) {
        InputStream data = new ByteArrayInputStream(rows, 0, length);
        closeQuietly(await(() -> client.insert(table, data, ClickHouseFormat.RowBinary), "INSERT INTO " + table));
    }

    private static void closeQuietly(AutoCloseable response) {
        try {
            response.close();
        } catch (Exception e) {
            // The statement succeeded; releasing its response cannot change that.
        }
    }

    private <T> T await(java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> call, String what) {
        java.util.concurrent.CompletableFuture<T> future;
        try {
            future = call.get();
        } catch (RuntimeException e) {
            // client-v2 throws some failures (connection refused) from the call itself, not the future.
            throw new ClickHouseException(e.getMessage() + " [" + abbreviate(what) + "]", e);
        }
        try {
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new ClickHouseException("interrupted: " + abbreviate(what), e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseException("timed out: " + abbreviate(what), e);
        } catch (ExecutionException e) {
            throw new ClickHouseException(e.getCause().getMessage() + " [" + abbreviate(what) + "]", e.getCause());
        } catch (RuntimeException e) {
            throw new ClickHouseException(e.getMessage() + " [" + abbreviate(what) + "]", e);
        }
    }

    static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
    }

    @Override
    public void close() {
        client.close();
    }

    /** TabSeparated output: rows by newline, fields by tab, backslash escapes. */
    static final class TabSeparated {

        private TabSeparated() {
        }

        static List<List<String>> parse(InputStream in) throws IOException {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            if (text.isEmpty()) {
                return rows;
            }
            for (String line : text.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> fields = new ArrayList<>();
                for (String field : line.split("\t", -1)) {
                    fields.add(unescape(field));
                }
                rows.add(fields);
            }
            return rows;
        }

        static String unescape(String field) {
            if (field.indexOf('\\') < 0) {
                return field;
            }
            StringBuilder out = new StringBuilder(field.length());
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c != '\\' || i + 1 == field.length()) {
                    out.append(c);
                    continue;
                }
                char n = field.charAt(++i);
                switch (n) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case '0' -> out.append('\0');
                    case 'N' -> out.append("\\N");
                    default -> out.append(n);
                }
            }
            return out.toString();
        }
    }
}
