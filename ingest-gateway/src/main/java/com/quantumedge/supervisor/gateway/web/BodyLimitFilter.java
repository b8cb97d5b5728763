package com.quantumedge.supervisor.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses bodies over the limit with 413: at once from Content-Length, and while streaming for
 * chunked bodies that do not declare one.
 */
public class BodyLimitFilter implements WebFilter {

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return refuse(exchange.getResponse(), maxBytes);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequestDecorator limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge(maxBytes);
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    /** The answer to a declared Content-Length over the limit. */
    public static Mono<Void> refuse(ServerHttpResponse response, long maxBytes) {
        return ErrorBody.write(response, HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE", message(maxBytes), null);
    }

    /** The failure of a streamed body found over the limit. */
    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE", message(maxBytes), null);
    }

    private static String message(long maxBytes) {
        return "request body is larger than " + maxBytes + " bytes";
    }
}
