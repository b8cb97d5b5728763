package com.quantumedge.supervisor.risk.account;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * Everything the risk engine knows about one bot. Mutable, owned by one stream task; stored whole
 * in the changelogged store after every input, together with the input offsets it has applied,
 * which is what makes re-processing after a crash change nothing.
 */
public final class BotRiskState {

    final String botId;
    long sequence;
    TradingState tradingState = TradingState.ACTIVE;
    String stateReason;
    long stateSinceMs;
    DecisionCode haltCause;
    boolean entriesPaused;
    boolean llmPaused;
    double riskMultiplier = 1.0;
    double equity = Double.NaN;
    double peakEquity = Double.NaN;
    double dayStartEquity = Double.NaN;
    long tradingDay = Long.MIN_VALUE;
    double realizedPnlToday;
    long lastHeartbeatMs = -1;
    final Map<String, Position> positions = new HashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, Reservation> reservationsView = Collections.unmodifiableMap(reservations);
    /**
     * While true, {@link #reservations} iterate in event-time order, so expiry stops at the first live
     * one instead of visiting every open order on every input. Not stored: derived on restore.
     */
    private boolean reservationsInTimeOrder = true;
    private long newestReservationTsMs = Long.MIN_VALUE;
    final StoredReservations storedReservations = new StoredReservations();
    final SubmitTimes submitTimes = new SubmitTimes();
    final Map<String, Long> appliedOffsets = new HashMap<>();
    final TreeSet<String> mismatchedSymbols = new TreeSet<>();

    public BotRiskState(String botId) {
        this.botId = botId;
    }

    public String botId() {
        return botId;
    }

    public long sequence() {
        return sequence;
    }

    public void bumpSequence() {
        sequence++;
    }

    public TradingState tradingState() {
        return tradingState;
    }

    public String stateReason() {
        return stateReason;
    }

    public long stateSinceMs() {
        return stateSinceMs;
    }

    /** The breach code that halted the bot, null when it was halted by an operator or is not halted. */
    public DecisionCode haltCause() {
        return haltCause;
    }

    public void transition(TradingState to, String reason, DecisionCode cause, long tsMs) {
        tradingState = to;
        stateReason = reason;
        haltCause = to == TradingState.HALTED ? cause : null;
        stateSinceMs = tsMs;
    }

    public boolean entriesPaused() {
        return entriesPaused;
    }

    public void entriesPaused(boolean paused) {
        entriesPaused = paused;
    }

    /** Entries are paused and the pause is the LLM advisor's: only then may the advisor lift it. */
    public boolean llmPaused() {
        return llmPaused;
    }

    /**
     * PAUSE_ENTRIES. The pause belongs to whoever paused entries that were running: an advisor's
     * pause on top of an operator's stays the operator's, and an operator's pause takes over an
     * advisor's, so the advisor can never lift a pause a person decided.
     */
    public void pauseEntries(boolean byAdvisor) {
        llmPaused = byAdvisor && (llmPaused || !entriesPaused);
        entriesPaused = true;
    }

    /** RESUME_ENTRIES, from anyone entitled to it. */
    public void resumeEntries() {
        entriesPaused = false;
        llmPaused = false;
    }

    /** An operator's RESUME also lifts the advisor's pause; an operator's own pause needs RESUME_ENTRIES. */
    public void liftAdvisorPause() {
        if (llmPaused) {
            resumeEntries();
        }
    }

    public double riskMultiplier() {
        return riskMultiplier;
    }

    public void riskMultiplier(double m) {
        riskMultiplier = m;
    }

    public double equity() {
        return equity;
    }

    public double peakEquity() {
        return peakEquity;
    }

    public double dayStartEquity() {
        return dayStartEquity;
    }

    public void equity(double value) {
        equity = value;
        if (Double.isNaN(peakEquity) || value > peakEquity) {
            peakEquity = value;
        }
        if (Double.isNaN(dayStartEquity)) {
            dayStartEquity = value;
        }
    }

    /** Epoch day of the current trading day, {@link Long#MIN_VALUE} before the first input. */
    public long tradingDay() {
        return tradingDay;
    }

    /** Starts a new trading day: day-start equity is the current equity, realized PnL today restarts at 0. */
    public void startTradingDay(long epochDay) {
        tradingDay = epochDay;
        dayStartEquity = equity;
        realizedPnlToday = 0;
    }

    public double realizedPnlToday() {
        return realizedPnlToday;
    }

    public void addRealizedPnlToday(double pnl) {
        realizedPnlToday += pnl;
    }

    /** PnL of the trading day: equity change since day start when both are known, else realized PnL from fills. */
    public double dailyPnl() {
        if (!Double.isNaN(equity) && !Double.isNaN(dayStartEquity)) {
            return equity - dayStartEquity;
        }
        return realizedPnlToday;
    }

    /** Percent below peak equity, 0 without equity. */
    public double drawdownPct() {
        if (Double.isNaN(equity) || Double.isNaN(peakEquity) || peakEquity <= 0) {
            return 0;
        }
        return Math.max(0, (peakEquity - equity) / peakEquity * 100.0);
    }

    public long lastHeartbeatMs() {
        return lastHeartbeatMs;
    }

    public void lastHeartbeatMs(long tsMs) {
        lastHeartbeatMs = Math.max(lastHeartbeatMs, tsMs);
    }

    public Map<String, Position> positions() {
        return positions;
    }

    public Position position(String symbol) {
        return positions.get(symbol);
    }

    public Position positionOrCreate(String symbol) {
        return positions.computeIfAbsent(symbol, s -> new Position());
    }

    public double positionQty(String symbol) {
        Position p = positions.get(symbol);
        return p == null ? 0 : p.qty;
    }

    /** Overwrites quantity and average entry, when configuration trusts the bot's report over fills. */
    public void overwritePosition(String symbol, double qty, double avgPrice) {
        positionOrCreate(symbol).forceQuantity(qty, avgPrice);
    }

    public void recordLimitPrice(String symbol, double price) {
        positionOrCreate(symbol).lastLimitPrice = price;
    }

    /** Open reservations by order key, read-only: change them through reserve, release and expire. */
    public Map<String, Reservation> reservations() {
        return reservationsView;
    }

    public void reserve(Reservation r) {
        Reservation previous = putReservation(r);
        if (previous != null) {
            unreserveQty(previous);
        }
        Position p = positionOrCreate(r.symbol());
        if (r.signedQty() > 0) {
            p.reservedBuyQty += r.signedQty();
        } else {
            p.reservedSellQty -= r.signedQty();
        }
    }

    /** Shrinks a reservation to {@code remainingAbsQty}, removing it at zero. */
    public void shrinkReservation(String orderKey, double remainingAbsQty) {
        Reservation r = reservations.get(orderKey);
        if (r == null) {
            return;
        }
        release(orderKey);
        if (remainingAbsQty > PositionAccounting.EPSILON) {
            reserve(r.withSignedQty(Math.copySign(Math.min(remainingAbsQty, Math.abs(r.signedQty())), r.signedQty())));
        }
    }

    /** Releases a reservation; releasing one that is gone does nothing. */
    public Reservation release(String orderKey) {
        boolean first = !reservations.isEmpty() && reservations.keySet().iterator().next().equals(orderKey);
        Reservation r = reservations.remove(orderKey);
        if (r != null) {
            unreserveQty(r);
            if (first) {
                storedReservations.removedFirst(r);
            } else {
                storedReservations.changed();
            }
        }
        return r;
    }

    /** Adds a reservation read back from the store: its quantity is already in the stored positions. */
    void restoreReservation(Reservation r) {
        putReservation(r);
    }

    /** The map's put, keeping track of whether iteration order is still event-time order. */
    private Reservation putReservation(Reservation r) {
        Reservation previous = reservations.put(r.orderKey(), r);
        // A new key goes last; a replaced one keeps its place, which is only in order with the same time.
        if (previous != null ? previous.tsMs() != r.tsMs() : r.tsMs() < newestReservationTsMs) {
            reservationsInTimeOrder = false;
        }
        newestReservationTsMs = Math.max(newestReservationTsMs, r.tsMs());
        if (previous == null) {
            storedReservations.appended(r);
        } else {
            storedReservations.changed();
        }
        return previous;
    }

    /** Releases reservations allowed at or before {@code cutoffMs}; returns them. */
    public List<Reservation> expireReservations(long cutoffMs) {
        List<Reservation> expired = null;
        boolean survivorsInOrder = true;
        boolean atFront = true;
        long previousTsMs = Long.MIN_VALUE;
        for (Iterator<Reservation> it = reservations.values().iterator(); it.hasNext(); ) {
            Reservation r = it.next();
            if (r.tsMs() <= cutoffMs) {
                it.remove();
                unreserveQty(r);
                if (atFront) {
                    storedReservations.removedFirst(r);
                } else {
                    storedReservations.changed();
                }
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(r);
            } else if (reservationsInTimeOrder) {
                break;
            } else {
                atFront = false;
                survivorsInOrder &= r.tsMs() >= previousTsMs;
                previousTsMs = r.tsMs();
            }
        }
        // After a full scan the survivors' order is known: once out-of-order ones are gone, stop early again.
        reservationsInTimeOrder = survivorsInOrder;
        return expired == null ? List.of() : expired;
    }

    private void unreserveQty(Reservation r) {
        Position p = positions.get(r.symbol());
        if (p == null) {
            return;
        }
        if (r.signedQty() > 0) {
            p.reservedBuyQty = clampZero(p.reservedBuyQty - r.signedQty());
        } else {
            p.reservedSellQty = clampZero(p.reservedSellQty + r.signedQty());
        }
    }

    private static double clampZero(double v) {
        return v < PositionAccounting.EPSILON ? 0 : v;
    }

    public SubmitTimes submitTimes() {
        return submitTimes;
    }

    /** True if an input at this offset of this topic-partition was already applied to this state. */
    public boolean hasApplied(String topicPartition, long offset) {
        Long last = appliedOffsets.get(topicPartition);
        return last != null && offset <= last;
    }

    public void markApplied(String topicPartition, long offset) {
        appliedOffsets.merge(topicPartition, offset, Math::max);
    }

    public Map<String, Long> appliedOffsets() {
        return appliedOffsets;
    }

    public TreeSet<String> mismatchedSymbols() {
        return mismatchedSymbols;
    }

    /** Sum over symbols of worst-case quantity (position plus every reservation on one side) times valuation price. */
    public double grossExposure() {
        double gross = 0;
        for (Position p : positions.values()) {
            gross += p.worstCaseQty(0) * p.valuationPrice();
        }
        return gross;
    }

    public double reservedExposure() {
        double total = 0;
        for (Reservation r : reservations.values()) {
            Position p = positions.get(r.symbol());
            double price = p != null && p.valuationPrice() > 0 ? p.valuationPrice() : r.price();
            total += Math.abs(r.signedQty()) * price;
        }
        return total;
    }

    /** Removes symbols with nothing left in them, keeping the stored state small. */
    public void compact() {
        positions.entrySet().removeIf(e -> e.getValue().isEmpty() && !mismatchedSymbols.contains(e.getKey())
                && Double.isNaN(e.getValue().lastPrice));
    }
}
