package com.quantumedge.supervisor.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.schemas.Topics;

class RowBinaryTest {

    private static byte[] bytes(RowBinary out) {
        return Arrays.copyOf(out.array(), out.size());
    }

    @Test
    @DisplayName("strings are a LEB128 length followed by UTF-8 bytes")
    void strings() {
        RowBinary out = new RowBinary(8);
        out.writeString("é".repeat(100));
        byte[] b = bytes(out);
        assertThat(b[0] & 0xFF).isEqualTo(0x80 | (200 & 0x7F));
        assertThat(b[1]).isEqualTo((byte) 1);
        assertThat(b).hasSize(202);
    }

    @Test
    @DisplayName("numbers are little-endian and doubles keep every bit")
    void numbers() {
        RowBinary out = new RowBinary(8);
        out.writeInt32(0x01020304);
        out.writeFloat64(0.1 + 0.2);
        byte[] b = bytes(out);
        assertThat(Arrays.copyOf(b, 4)).containsExactly(4, 3, 2, 1);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (b[4 + i] & 0xFFL) << (8 * i);
        }
        assertThat(Double.longBitsToDouble(bits)).isEqualTo(0.1 + 0.2);
    }

    @Test
    @DisplayName("a nullable value is prefixed 0 when present and is a single 1 when null")
    void nullable() {
        RowBinary out = new RowBinary(8);
        out.writePresent(true);
        out.writeUInt8(7);
        out.writePresent(false);
        assertThat(bytes(out)).containsExactly(0, 7, 1);
    }

    @Test
    @DisplayName("a record that does not fit its table leaves no partial row behind")
    void failedRowLeavesNothing() {
        TableLayout ticks = TableLayouts.forCatalog(Set.of()).forTopic(Topics.TICKS.name()).orElseThrow();
        RowBinary out = new RowBinary(8);
        out.writeUInt8(42);
        Tick broken = new Tick("e-1", "bot", 1L, null);
        assertThatThrownBy(() -> RowEncoder.append(ticks, broken, "t", 0, 0, 0, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThat(bytes(out)).containsExactly(42);
    }

    @Test
    @DisplayName("a buffer with a growth limit stops at the limit on its way up and only then doubles")
    void growthLimit() {
        RowBinary out = new RowBinary(64, 1000);
        for (int i = 0; i < 1000; i++) {
            out.writeUInt8(i);
        }
        assertThat(out.array()).hasSize(1000);
        out.writeUInt8(1);
        assertThat(out.array()).hasSize(2000);
        assertThat(out.size()).isEqualTo(1001);
    }

    @Test
    @DisplayName("nested values become compact JSON")
    void json() {
        assertThat(JsonText.of(java.util.Map.of("a\"b", List.of(1.5, "x\n")))).isEqualTo("{\"a\\\"b\":[1.5,\"x\\n\"]}");
        assertThat(JsonText.of(Double.NaN)).isEqualTo("null");
    }
}
