package com.quantumedge.supervisor.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.Topics;

/** The build-time guard of the contract: run by every {@code mvn verify}. */
class SchemaHistoryTest {

    private static final Path HISTORY_DIR = Path.of("src/main/resources/schema-history");

    @Test
    @DisplayName("every version of every record can read the next version and be read by it")
    void historyIsMutuallyCompatible() {
        assertThat(SchemaEvolutionCheck.check(SchemaHistory.get().all())).isEmpty();
    }

    @Test
    @DisplayName("the check reports an incompatible pair in both directions, naming what broke")
    void checkFailsOnIncompatiblePair() throws IOException {
        List<SchemaEvolutionCheck.Violation> violations =
                SchemaEvolutionCheck.checkPair(read("/incompatible/Tick-v1.avsc"), read("/incompatible/Tick-v2.avsc"));

        assertThat(violations).hasSize(2);
        assertThat(violations.get(0).toString()).contains("Tick v2 (current) cannot read Tick v1").contains("source");
        assertThat(violations.get(1).toString()).contains("Tick v1 cannot read Tick v2").contains("bot_id");
    }

    @Test
    @DisplayName("every value type of the catalog has a history whose last version is the compiled schema")
    void everyCatalogTypeHasAHistory() {
        Topics.ALL.stream()
                .filter(t -> org.apache.avro.specific.SpecificRecord.class.isAssignableFrom(t.valueType()))
                .forEach(t -> {
                    List<SchemaVersion> versions = SchemaHistory.get().versions(t.valueType());
                    assertThat(versions).as(t.name()).isNotEmpty();
                    assertThat(versions.get(versions.size() - 1).current()).isTrue();
                });
    }

    @Test
    @DisplayName("the index lists exactly the schema files present, and no two versions share a fingerprint")
    void indexMatchesFiles() throws IOException {
        Set<String> files;
        try (Stream<Path> walk = Files.walk(HISTORY_DIR)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> HISTORY_DIR.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
        assertThat(new HashSet<>(SchemaHistory.indexEntries())).isEqualTo(files);

        for (Map.Entry<String, List<SchemaVersion>> e : SchemaHistory.get().all().entrySet()) {
            Set<Long> fingerprints = e.getValue().stream().map(SchemaVersion::fingerprint).collect(Collectors.toSet());
            assertThat(fingerprints).as(e.getKey() + " versions must differ").hasSize(e.getValue().size());
        }
    }

    @Test
    @DisplayName("a changed schema must be released as a new version: current fingerprints are pinned")
    void currentFingerprintsArePinned() throws IOException {
        Map<String, String> pinned = Files.readAllLines(HISTORY_DIR.resolve("current.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+"))
                .collect(Collectors.toMap(p -> p[0], p -> p[1] + " " + p[2]));
        Map<String, String> actual = SchemaHistory.get().all().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> {
                    SchemaVersion current = e.getValue().get(e.getValue().size() - 1);
                    return "v" + current.version() + " " + Long.toHexString(current.fingerprint());
                }));
        assertThat(actual)
                .as("A current schema changed. Copy its previous text to schema-history/<Name>/v<N>.avsc, add it to "
                        + "index.txt, and update current.txt (see docs/schemas.md)")
                .isEqualTo(pinned);
    }

    private static Schema read(String resource) throws IOException {
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
