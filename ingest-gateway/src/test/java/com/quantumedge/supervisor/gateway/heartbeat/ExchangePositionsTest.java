package com.quantumedge.supervisor.gateway.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OpenOrderReport;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Heartbeats built from what exchange APIs return: Binance USDⓈ-M {@code positionRisk} lists every
 * symbol, flat ones with {@code positionAmt} and {@code entryPrice} 0; ccxt {@code fetchPositions}
 * (Freqtrade) gives unified symbols and null prices for flat positions.
 */
class ExchangePositionsTest {

    private final RunningGateway gateway = SharedGateway.get();

    @Test
    @DisplayName("a Binance positionRisk heartbeat with five flat positions and one open is accepted; flat ones land with no average price")
    void binanceFlatPositionsAreAccepted() {
        Heartbeat hb = postAndRead(payload("binance-position-risk-heartbeat.json"));

        assertThat(hb.getPositions()).extracting(PositionReport::getSymbol, PositionReport::getQty, PositionReport::getAvgPrice,
                PositionReport::getMarkPrice).containsExactly(
                        tuple("ETHUSDT", 0.0, null, 3871.46),
                        tuple("1000PEPEUSDT", 0.0, null, 0.0221893),
                        tuple("SOLUSDT", 0.0, null, 236.79),
                        tuple("XRPUSDT", 0.0, null, 2.3512),
                        tuple("SRMUSDT", 0.0, null, null),
                        tuple("BTCUSDT", -0.25, 97000.0, 96500.0));
        assertThat(Double.doubleToRawLongBits(hb.getPositions().get(1).getQty())).as("-0 is stored as 0").isZero();
        assertThat(hb.getOpenOrders()).extracting(OpenOrderReport::getPrice).as("a stop-market order's price 0 is no price")
                .containsExactly(null, 92000.0);
        assertThat(hb.getTsMs()).as("fractional epoch ms truncated").isEqualTo(1_733_390_000_123L);
        assertThat(hb.getExtra()).containsEntry("exchange", "\"binanceusdm\"");
    }

    @Test
    @DisplayName("a heartbeat from ccxt fetchPositions keeps unified symbols exactly, and a flat position's null prices stay null")
    void ccxtPositionsAreAccepted() {
        Heartbeat hb = postAndRead(payload("ccxt-fetch-positions-heartbeat.json"));

        assertThat(hb.getPositions()).extracting(PositionReport::getSymbol, PositionReport::getQty, PositionReport::getAvgPrice,
                PositionReport::getMarkPrice).containsExactly(
                        tuple("BTC/USDT:USDT", -0.002, 97123.4, 96980.1),
                        tuple("ETH/USDT:USDT", 0.0, null, null),
                        tuple("BTC/USD:BTC-241227-100000-C", 1.0, 0.0125, 0.0131));
    }

    @Test
    @DisplayName("a flat position that still carries its last entry price is stored flat, without it")
    void flatPositionDropsStaleEntryPrice() {
        Heartbeat hb = postAndRead("{\"positions\":[{\"symbol\":\"ETHUSDT\",\"qty\":0,\"avg_price\":3500.5,\"mark_price\":3871.46}]}");

        assertThat(hb.getPositions()).singleElement().satisfies(p -> {
            assertThat(p.getQty()).isZero();
            assertThat(p.getAvgPrice()).isNull();
            assertThat(p.getMarkPrice()).isEqualTo(3871.46);
        });
    }

    private Heartbeat postAndRead(String body) {
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.EXCHANGE_BOT), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String eventId = response.json().get("event_id").asString();
        return TopicRecords.read(Topics.HEARTBEATS, SharedGateway.EXCHANGE_BOT,
                        l -> l.stream().anyMatch(h -> h.getEventId().equals(eventId)), Duration.ofSeconds(20))
                .stream().filter(h -> h.getEventId().equals(eventId)).findFirst().orElseThrow();
    }

    static String payload(String name) {
        try (InputStream in = ExchangePositionsTest.class.getResourceAsStream("/payloads/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
