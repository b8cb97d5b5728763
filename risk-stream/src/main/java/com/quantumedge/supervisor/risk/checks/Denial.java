package com.quantumedge.supervisor.risk.checks;

/** Why a check stopped an order: the limit it applied and the value it measured. */
public record Denial(double limit, double value, String reason) {
}
