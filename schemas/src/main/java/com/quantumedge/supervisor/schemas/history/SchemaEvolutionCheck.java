package com.quantumedge.supervisor.schemas.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The compatibility rule of the contract: each version of a record must be readable by the next
 * (new consumers read old records) and the next by it (old consumers read new records).
 */
public final class SchemaEvolutionCheck {

    private SchemaEvolutionCheck() {
    }

    /** A broken pair: {@code reader} cannot read what {@code writer} wrote. */
    public record Violation(SchemaVersion writer, SchemaVersion reader, String detail) {
        @Override
        public String toString() {
            return reader.label() + " cannot read " + writer.label() + ": " + detail;
        }
    }

    public static List<Violation> check(Map<String, List<SchemaVersion>> history) {
        List<Violation> violations = new ArrayList<>();
        history.values().forEach(versions -> violations.addAll(checkChain(versions)));
        return violations;
    }

    /** Checks consecutive versions (oldest first) in both directions. */
    public static List<Violation> checkChain(List<SchemaVersion> versions) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 1; i < versions.size(); i++) {
            SchemaVersion older = versions.get(i - 1);
            SchemaVersion newer = versions.get(i);
            checkPair(older, newer, violations);
            checkPair(newer, older, violations);
        }
        return violations;
    }

    private static void checkPair(SchemaVersion writer, SchemaVersion reader, List<Violation> out) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(
                reader.schema(), writer.schema());
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            out.add(new Violation(writer, reader, describe(result)));
        }
    }

    private static String describe(SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
    }

    /** Convenience for a pair of schemas outside the history (tests, tools). */
    public static List<Violation> checkPair(Schema older, Schema newer) {
        String name = newer.getName();
        return checkChain(List.of(new SchemaVersion(name, 1, older, false), new SchemaVersion(name, 2, newer, true)));
    }
}
