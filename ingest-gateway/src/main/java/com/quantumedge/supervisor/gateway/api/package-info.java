/**
 * The HTTP API's contract as springdoc publishes it at {@code /v3/api-docs}: documentation records
 * for every request and answer body (never bound to a request: controllers keep parsing with
 * {@code web.JsonBody}, whose field-naming errors the contract describes), the shared error body,
 * the two token schemes and the named examples that the contract test posts to a running gateway.
 */
package com.quantumedge.supervisor.gateway.api;
