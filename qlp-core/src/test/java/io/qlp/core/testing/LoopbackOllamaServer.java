package io.qlp.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.util.List;

/**
 * A real HTTP server on 127.0.0.1 that speaks Ollama's native chat API ({@code POST /api/chat}, not streamed) from a
 * script. Point {@code OllamaChatModel}'s {@code baseUrl} at {@link #baseUrl()}. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * try (LoopbackOllamaServer server = LoopbackOllamaServer.start()) {
 *     server.enqueue(server.chat("hello", 10, 2));
 * }
 * }</pre>
 */
public final class LoopbackOllamaServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptedHttpServer http = ScriptedHttpServer.start();

    private LoopbackOllamaServer() {
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackOllamaServer start() {
        return new LoopbackOllamaServer();
    }

    /** The base URL, such as {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return http.url();
    }

    /** Answers the next request with {@code reply}. */
    public LoopbackOllamaServer enqueue(Reply reply) {
        http.enqueue(reply);
        return this;
    }

    /** What every request gets once the script is used up. */
    public LoopbackOllamaServer whenEmpty(Reply reply) {
        http.whenEmpty(reply);
        return this;
    }

    /** The requests received so far. */
    public List<Received> received() {
        return http.received();
    }

    /** A finished chat reply with this text, prompt and answer token counts. */
    public Reply chat(String text, int promptTokens, int answerTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "loopback");
        root.put("created_at", "2026-01-01T00:00:00Z");
        ObjectNode message = root.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("prompt_eval_count", promptTokens);
        root.put("eval_count", answerTokens);
        return Reply.json(200, root.toString());
    }

    /** An error reply with an Ollama error body. */
    public Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("error", message);
        return Reply.json(status, root.toString());
    }

    @Override
    public void close() {
        http.close();
    }
}
