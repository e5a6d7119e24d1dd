package io.qlp.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and answers from a script.
 * Point LangChain4j's {@code OpenAiChatModel} (or the CLI's {@code base-url}) at {@link #baseUrl()}.
 *
 * <p>Example:
 * <pre>{@code
 * try (LoopbackOpenAiServer server = LoopbackOpenAiServer.start()) {
 *     server.enqueueCompletion("### src/Foo.java\n```java\nclass Foo {}\n```", 100, 20);
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("x").modelName("small").build();
 * }
 * }</pre>
 */
public final class LoopbackOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted reply. */
    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Reply whenScriptEmpty = new Reply(500, "{\"error\":{\"message\":\"script is empty\",\"type\":\"server_error\"}}");

    private LoopbackOpenAiServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackOpenAiServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackOpenAiServer server = new LoopbackOpenAiServer(http);
            http.createContext("/v1/chat/completions", server::handle);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers the next request with this assistant text and token usage. */
    public synchronized LoopbackOpenAiServer enqueueCompletion(String content, int promptTokens, int completionTokens) {
        script.add(new Reply(200, completionBody(content, promptTokens, completionTokens)));
        return this;
    }

    /** Answers the next request with an HTTP error and an OpenAI error body. */
    public synchronized LoopbackOpenAiServer enqueueError(int status, String message) {
        script.add(new Reply(status, errorBody(message)));
        return this;
    }

    /** What every request gets once the script is used up; by default a 500. */
    public synchronized LoopbackOpenAiServer whenEmptyAnswerError(int status, String message) {
        whenScriptEmpty = new Reply(status, errorBody(message));
        return this;
    }

    /** What every request gets once the script is used up: the same completion. */
    public synchronized LoopbackOpenAiServer whenEmptyAnswerCompletion(String content, int promptTokens,
                                                                      int completionTokens) {
        whenScriptEmpty = new Reply(200, completionBody(content, promptTokens, completionTokens));
        return this;
    }

    /** Bodies of the requests received so far, in order. */
    public synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of every message of the {@code index}-th request, joined with newlines. */
    public synchronized String requestText(int index) {
        StringBuilder text = new StringBuilder();
        requests.get(index).path("messages").forEach(m -> text.append(m.path("content").asText()).append('\n'));
        return text.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            Reply reply;
            synchronized (this) {
                requests.add(body);
                reply = script.isEmpty() ? whenScriptEmpty : script.poll();
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String completionBody(String content, int promptTokens, int completionTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "loopback");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return root.toString();
    }

    private static String errorBody(String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", "server_error");
        return root.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
