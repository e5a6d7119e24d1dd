package io.qlp.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that answers every request from a script of replies, with any status, headers,
 * body and delay, and records what it received and when. The protocol servers ({@link LoopbackOpenAiServer},
 * {@link LoopbackAnthropicServer}, {@link LoopbackOllamaServer}) build their bodies on it. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * try (ScriptedHttpServer server = ScriptedHttpServer.start()) {
 *     server.enqueue(Reply.json(429, "{}").withHeader("Retry-After", "1"));
 *     server.enqueue(Reply.json(200, "{\"ok\":true}").after(Duration.ofMillis(50)));
 * }
 * }</pre>
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /**
     * One scripted answer.
     *
     * @param status HTTP status
     * @param contentType the Content-Type header
     * @param body the body
     * @param headers more response headers
     * @param delay how long to wait before answering
     */
    public record Reply(int status, String contentType, String body, Map<String, String> headers, Duration delay) {

        /** Copies the headers. */
        public Reply {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(delay, "delay");
        }

        /** A JSON answer. */
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of(), Duration.ZERO);
        }

        /** A server-sent-events answer: each event becomes a {@code data:} line followed by a blank line. */
        public static Reply sse(List<String> events) {
            StringBuilder body = new StringBuilder();
            events.forEach(event -> body.append("data: ").append(event).append("\n\n"));
            return new Reply(200, "text/event-stream", body.toString(), Map.of(), Duration.ZERO);
        }

        /** This answer with one more header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, more, delay);
        }

        /** This answer, sent after {@code wait}. */
        public Reply after(Duration wait) {
            return new Reply(status, contentType, body, headers, wait);
        }
    }

    /**
     * One request as the server saw it.
     *
     * @param at when it arrived
     * @param method HTTP method
     * @param path request path
     * @param headers request headers, names in lower case
     * @param body request body
     */
    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, String body) {

        /** The first value of header {@code name}, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private Reply whenEmpty = Reply.json(500, "{\"error\":{\"message\":\"script is empty\",\"type\":\"server_error\"}}");

    private ScriptedHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free loopback port that answers every path. */
    public static ScriptedHttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Slow replies must not hold up the next request, so every exchange gets its own thread.
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "scripted-http");
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            ScriptedHttpServer scripted = new ScriptedHttpServer(http, executor);
            http.createContext("/", scripted::handle);
            http.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next request with {@code reply}. */
    public synchronized ScriptedHttpServer enqueue(Reply reply) {
        script.add(reply);
        return this;
    }

    /** What every request gets once the script is used up; by default a 500. */
    public synchronized ScriptedHttpServer whenEmpty(Reply reply) {
        whenEmpty = reply;
        return this;
    }

    /** The requests received so far, in order of arrival. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            Reply reply;
            synchronized (this) {
                received.add(new Received(Instant.now(), exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(), headers, body));
                reply = script.isEmpty() ? whenEmpty : script.poll();
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client gave up (a timeout test): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
