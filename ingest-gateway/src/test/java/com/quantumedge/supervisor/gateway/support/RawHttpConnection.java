package com.quantumedge.supervisor.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One plain TCP connection speaking HTTP/1.1 by hand: exactly what is written is what the server
 * reads, and every request goes over this one socket (a pooled client would hide a connection the
 * server left mis-framed by opening another). Bodies go with Content-Length or chunked, optionally
 * after {@code Expect: 100-continue}; headers and body are written in separate flushes so the server
 * sees the body arrive after it has started answering. Answers with Content-Length or chunked bodies;
 * a read that waits longer than the socket timeout fails instead of hanging the test.
 */
public final class RawHttpConnection implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Framing { CONTENT_LENGTH, CHUNKED }

    public record Request(String method, String path, Map<String, String> headers, String body, Framing framing,
            boolean expectContinue) {
    }

    /** An answer; {@code interim} is the status of a 1xx answer read before it, or 0. */
    public record Response(int status, Map<String, String> headers, String body, int interim) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The server announced it closes the connection after this answer. */
        public boolean closes() {
            return "close".equalsIgnoreCase(header("Connection"));
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;
    private final Duration continueWait;

    private RawHttpConnection(Socket socket, String host, Duration continueWait) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.host = host;
        this.continueWait = continueWait;
    }

    /**
     * @param baseUrl      {@code http://host:port}
     * @param readTimeout  longest wait for any part of an answer before the exchange fails
     * @param continueWait how long to wait for {@code 100 Continue} before sending the body anyway (curl: 1 s)
     */
    public static RawHttpConnection open(String baseUrl, Duration readTimeout, Duration continueWait) {
        URI uri = URI.create(baseUrl);
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            return new RawHttpConnection(socket, uri.getHost() + ":" + uri.getPort(), continueWait);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response exchange(Request request) throws IOException {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        boolean hasBody = request.body() != null;
        if (hasBody && request.framing() == Framing.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (request.expectContinue()) {
            head.append("Expect: 100-continue\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int interim = 0;
        if (request.expectContinue()) {
            int previousTimeout = socket.getSoTimeout();
            socket.setSoTimeout((int) continueWait.toMillis());
            Response early;
            try {
                early = readResponse(0);
            } catch (SocketTimeoutException noAnswerYet) {
                early = null;
            } finally {
                socket.setSoTimeout(previousTimeout);
            }
            if (early != null && early.status() != 100) {
                // A final answer before the body: RFC 9110 10.1.1 lets the client skip the body.
                return early;
            }
            interim = early == null ? 0 : 100;
        }
        if (hasBody) {
            writeBody(body, request.framing());
        }
        return readResponse(interim);
    }

    private void writeBody(byte[] body, Framing framing) throws IOException {
        if (framing == Framing.CHUNKED) {
            int half = body.length / 2;
            writeChunk(body, 0, half);
            writeChunk(body, half, body.length - half);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
        }
        out.flush();
    }

    private void writeChunk(byte[] body, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private Response readResponse(int interim) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        if (status / 100 == 1) {
            return new Response(status, headers, "", interim);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8), interim);
    }

    private int chunkSize() throws IOException {
        return Integer.parseInt(line().split(";")[0].trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** Whether the server closed its side: a read returns end of stream within {@code wait}. */
    public boolean closedByServer(Duration wait) throws IOException {
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        } finally {
            socket.setSoTimeout(previousTimeout);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
