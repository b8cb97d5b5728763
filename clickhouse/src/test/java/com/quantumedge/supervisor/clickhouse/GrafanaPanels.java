package com.quantumedge.supervisor.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SQL of the provisioned Grafana dashboard (its template variable and every panel), with the
 * ClickHouse data source's macros expanded the way the plugin does: {@code $__timeFilter(x)} to
 * {@code x >= toDateTime(from) AND x <= toDateTime(to)}, {@code ${bot:singlequote}} to the quoted bot
 * ids, and the {@code supervisor} database to the test's own.
 */
final class GrafanaPanels {

    static final Path DASHBOARD = Path.of("deploy/grafana/dashboards/qe-supervisor.json");

    record Panel(String title, String sql) {
    }

    private GrafanaPanels() {
    }

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(Files.readString(repositoryRoot().resolve(DASHBOARD)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Panel> expanded(String db, Instant from, Instant to, List<String> bots) {
        JsonNode d = dashboard();
        List<Panel> out = new ArrayList<>();
        for (JsonNode v : d.path("templating").path("list")) {
            out.add(new Panel("variable " + v.path("name").asText(), expand(v.path("query").asText(), db, from, to, bots)));
        }
        for (JsonNode p : d.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                out.add(new Panel(p.path("title").asText(), expand(t.path("rawSql").asText(), db, from, to, bots)));
            }
        }
        return out;
    }

    static String expand(String sql, String db, Instant from, Instant to, List<String> bots) {
        Matcher m = Pattern.compile("\\$__timeFilter\\(((?:[^()]|\\([^()]*\\))+)\\)").matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("%1$s >= toDateTime(%2$d) AND %1$s <= toDateTime(%3$d)"
                    .formatted(m.group(1), from.getEpochSecond(), to.getEpochSecond())));
        }
        m.appendTail(sb);
        String quotedBots = bots.stream().map(ClickHouse::quote).collect(Collectors.joining(","));
        return sb.toString().replace("${bot:singlequote}", quotedBots).replaceAll("\\bsupervisor\\.", db + ".");
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve(DASHBOARD))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root with " + DASHBOARD + " not found above " + Path.of("").toAbsolutePath());
    }
}
