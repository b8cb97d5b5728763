package com.quantumedge.supervisor.gateway.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;

import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Holds an answer back until its request has been read to the end, so a keep-alive connection is
 * read again after every answer.
 *
 * <p>Why: Reactor Netty (1.3.6, still in 1.3.7: reactor-netty issue 4361) reads a connection only on
 * demand. A request that arrives before the previous exchange has fully terminated (usual when that
 * answer was written from a Kafka callback thread) is queued together with its body; when it is
 * replayed and answered before its body was consumed (a 415, a 413 from Content-Length, a 401/403/429
 * decided from headers, a 413 cutting a chunked body off), the queue is emptied by a drain task that
 * never asks for the next read, and the connection is never read again: the next request on it gets
 * no answer. Committing the answer only after the request's last part has been delivered leaves the
 * queue empty when the answer completes, and Reactor Netty then reads on.
 *
 * <p>The body nobody read is read and dropped before the answer, up to {@link #MAX_DRAIN_BYTES} and
 * {@link #MAX_DRAIN_WAIT}; beyond that, and for a request that asked {@code Expect: 100-continue}
 * and was refused before its body (its client may never send it), the answer says
 * {@code Connection: close} and the connection is closed after it instead.
 */
public final class RequestBodyDrain extends BaseSubscriber<DataBuffer> {

    /** Unread body the gateway reads and drops to keep a connection; larger ones close it. */
    public static final long MAX_DRAIN_BYTES = 1024 * 1024;
    /** How long an answer waits for the rest of an unread body before closing the connection instead. */
    public static final Duration MAX_DRAIN_WAIT = Duration.ofSeconds(5);

    private final Flux<DataBuffer> source;
    private final Sinks.Empty<Void> ended = Sinks.empty();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile FluxSink<DataBuffer> reader;
    private volatile boolean done;
    private volatile boolean gaveUp;
    private long dropped;

    private RequestBodyDrain(Flux<DataBuffer> source) {
        this.source = source;
    }

    /**
     * The request to hand on: its body can be read once, as before; whatever of it was not read when
     * the answer is about to be committed is read and dropped first.
     */
    public static ServerHttpRequest beforeAnswer(ServerHttpRequest request, ServerHttpResponse response) {
        RequestBodyDrain body = new RequestBodyDrain(request.getBody());
        response.beforeCommit(() -> body.drain(request, response));
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.read();
            }
        };
    }

    private Flux<DataBuffer> read() {
        return Flux.create(sink -> {
            if (!started.compareAndSet(false, true)) {
                sink.error(new IllegalStateException("the request body can be read only once"));
                return;
            }
            reader = sink;
            source.subscribe(this);
            sink.onRequest(this::request);
            sink.onCancel(this::dropTheRest);
        });
    }

    private Mono<Void> drain(ServerHttpRequest request, ServerHttpResponse response) {
        if (started.compareAndSet(false, true)) {
            if (expectsContinue(request) || request.getHeaders().getContentLength() > MAX_DRAIN_BYTES) {
                closeAfterAnswer(response);
                return Mono.empty();
            }
            source.subscribe(this);
            request(Long.MAX_VALUE);
        } else if (!done) {
            dropTheRest();
        }
        if (done) {
            return gaveUp ? Mono.fromRunnable(() -> closeAfterAnswer(response)) : Mono.empty();
        }
        return ended.asMono()
                .timeout(MAX_DRAIN_WAIT, Mono.fromRunnable(this::giveUp))
                .then(Mono.fromRunnable(() -> {
                    if (gaveUp) {
                        closeAfterAnswer(response);
                    }
                }));
    }

    private static boolean expectsContinue(ServerHttpRequest request) {
        String expect = request.getHeaders().getFirst(HttpHeaders.EXPECT);
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    private static void closeAfterAnswer(ServerHttpResponse response) {
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
    }

    /** The reader stopped (an error, a limit): keep reading, and drop what comes. */
    private void dropTheRest() {
        reader = null;
        request(Long.MAX_VALUE);
    }

    private void giveUp() {
        gaveUp = true;
        cancel();
        end();
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        // Demand comes from the reader, or all at once when draining.
    }

    @Override
    protected void hookOnNext(DataBuffer buffer) {
        FluxSink<DataBuffer> r = reader;
        if (r != null) {
            r.next(buffer);
            return;
        }
        dropped += buffer.readableByteCount();
        DataBufferUtils.release(buffer);
        if (dropped > MAX_DRAIN_BYTES) {
            giveUp();
        }
    }

    @Override
    protected void hookOnComplete() {
        end();
        FluxSink<DataBuffer> r = reader;
        if (r != null) {
            r.complete();
        }
    }

    @Override
    protected void hookOnError(Throwable error) {
        end();
        FluxSink<DataBuffer> r = reader;
        if (r != null) {
            r.error(error);
        }
    }

    private void end() {
        done = true;
        ended.tryEmitEmpty();
    }
}
