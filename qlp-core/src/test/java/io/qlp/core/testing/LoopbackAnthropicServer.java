package io.qlp.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that speaks Anthropic's Messages API ({@code POST /v1/messages}) from a script.
 * Point {@code AnthropicChatModel}'s {@code baseUrl} at {@link #baseUrl()}. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * try (LoopbackAnthropicServer server = LoopbackAnthropicServer.start()) {
 *     server.enqueue(server.message("hello", 10, 2));
 * }
 * }</pre>
 */
public final class LoopbackAnthropicServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedHttpServer http = ScriptedHttpServer.start();
    private final AtomicInteger ids = new AtomicInteger();

    private LoopbackAnthropicServer() {
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackAnthropicServer start() {
        return new LoopbackAnthropicServer();
    }

    /** The base URL, ending in {@code /v1/}. */
    public String baseUrl() {
        return http.url() + "/v1/";
    }

    /** Answers the next request with {@code reply}. */
    public LoopbackAnthropicServer enqueue(Reply reply) {
        http.enqueue(reply);
        return this;
    }

    /** What every request gets once the script is used up. */
    public LoopbackAnthropicServer whenEmpty(Reply reply) {
        http.whenEmpty(reply);
        return this;
    }

    /** The requests received so far. */
    public List<Received> received() {
        return http.received();
    }

    /** A message reply with this text and usage. */
    public Reply message(String text, int inputTokens, int outputTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_" + ids.incrementAndGet());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", "loopback");
        ObjectNode content = root.putArray("content").addObject();
        content.put("type", "text");
        content.put("text", text);
        root.put("stop_reason", "end_turn");
        root.putNull("stop_sequence");
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.put("output_tokens", outputTokens);
        return Reply.json(200, root.toString());
    }

    /** An error reply with an Anthropic error body. */
    public Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", switch (status) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        });
        error.put("message", message);
        return Reply.json(status, root.toString());
    }

    @Override
    public void close() {
        http.close();
    }
}
