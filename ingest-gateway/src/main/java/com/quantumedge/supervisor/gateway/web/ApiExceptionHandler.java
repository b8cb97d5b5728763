package com.quantumedge.supervisor.gateway.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import com.quantumedge.supervisor.gateway.kafka.BrokerUnavailableException;
import com.quantumedge.supervisor.gateway.kafka.KafkaNotAuthorizedException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Maps every refusal to the one JSON error shape and counts rejected inputs by reason. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MeterRegistry meters;
    private final String retryAfterSeconds;

    public ApiExceptionHandler(MeterRegistry meters, com.quantumedge.supervisor.gateway.config.GatewayProperties properties) {
        this.meters = meters;
        this.retryAfterSeconds = Integer.toString(properties.producer().retryAfterSeconds());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        return reject(e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(UnsupportedMediaTypeStatusException.class)
    ResponseEntity<Map<String, Object>> wrongContentType(UnsupportedMediaTypeStatusException e) {
        return unsupportedMediaType();
    }

    public ResponseEntity<Map<String, Object>> unsupportedMediaType() {
        return reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json", "Content-Type");
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<Map<String, Object>> tooLarge(DataBufferLimitException e) {
        return reject(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE", "request body is too large", null);
    }

    @ExceptionHandler(MethodNotAllowedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(MethodNotAllowedException e) {
        return reject(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", e.getReason() == null ? "method not allowed" : e.getReason(), null);
    }

    @ExceptionHandler(NotAcceptableStatusException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(NotAcceptableStatusException e) {
        return notAcceptable();
    }

    public ResponseEntity<Map<String, Object>> notAcceptable() {
        return reject(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "responses are application/json", "Accept");
    }

    /**
     * The answer to a request the bot lane could not complete, mapped exactly as for requests Spring
     * dispatches; anything unexpected is a logged 500 with the same error shape.
     */
    public ResponseEntity<Map<String, Object>> answer(Throwable e) {
        if (e instanceof ApiException api) {
            return refused(api);
        }
        if (e instanceof DataBufferLimitException limit) {
            return tooLarge(limit);
        }
        if (e instanceof BrokerUnavailableException down) {
            return brokerDown(down);
        }
        if (e instanceof KafkaNotAuthorizedException denied) {
            return kafkaNotAuthorized(denied);
        }
        log.error("Request failed unexpectedly", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("INTERNAL_ERROR", "the request could not be completed", null));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> unreadable(ServerWebInputException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return refused(api);
            }
            if (t instanceof DataBufferLimitException) {
                return tooLarge((DataBufferLimitException) t);
            }
        }
        String field = e.getMethodParameter() == null ? null : e.getMethodParameter().getParameterName();
        return reject(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getReason() == null ? "invalid request" : e.getReason(), field);
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<Map<String, Object>> brokerDown(BrokerUnavailableException e) {
        log.debug("Refusing request: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", retryAfterSeconds)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("BROKER_UNAVAILABLE", "the event log is unavailable; retry later", null));
    }

    /**
     * The cluster refused the gateway's principal the write: a server-side configuration error (500,
     * no Retry-After), logged with topic and principal by the publisher. The caller learns what is
     * wrong, not who lacks which ACL.
     */
    @ExceptionHandler(KafkaNotAuthorizedException.class)
    ResponseEntity<Map<String, Object>> kafkaNotAuthorized(KafkaNotAuthorizedException e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("KAFKA_NOT_AUTHORIZED", "the supervisor is not permitted to record this; operators have been alerted", null));
    }

    private ResponseEntity<Map<String, Object>> reject(HttpStatus status, String code, String message, String field) {
        Counter.builder("gateway.input.rejected").description("Requests refused as invalid, by reason")
                .tag("reason", code).register(meters).increment();
        // An explicit content type: errors are JSON even when the request's Accept asks for something else.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ErrorBody.of(code, message, field));
    }
}
