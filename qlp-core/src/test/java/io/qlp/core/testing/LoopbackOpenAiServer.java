package io.qlp.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qlp.core.testing.ScriptedHttpServer.Received;
import io.qlp.core.testing.ScriptedHttpServer.Reply;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and answers from a script.
 * Point LangChain4j's {@code OpenAiChatModel} (or the CLI's {@code base-url}) at {@link #baseUrl()}. Beyond plain
 * completions and errors it scripts any {@link Reply} (headers such as {@code Retry-After}, delays, malformed bodies)
 * and streamed completions ({@link #streamedCompletion(List, int, int)}), and records when each request arrived.
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

    private final ScriptedHttpServer http;
    private final AtomicInteger ids = new AtomicInteger();

    private LoopbackOpenAiServer(ScriptedHttpServer http) {
        this.http = http;
    }

    /** Starts a server on a free loopback port. */
    public static LoopbackOpenAiServer start() {
        return new LoopbackOpenAiServer(ScriptedHttpServer.start());
    }

    /** The base URL, ending in {@code /v1}. */
    public String baseUrl() {
        return http.url() + "/v1";
    }

    /** Answers the next request with this assistant text and token usage. */
    public LoopbackOpenAiServer enqueueCompletion(String content, int promptTokens, int completionTokens) {
        http.enqueue(completion(content, promptTokens, completionTokens));
        return this;
    }

    /** Answers the next request with an HTTP error and an OpenAI error body. */
    public LoopbackOpenAiServer enqueueError(int status, String message) {
        http.enqueue(error(status, message));
        return this;
    }

    /** Answers the next request with {@code reply}. */
    public LoopbackOpenAiServer enqueue(Reply reply) {
        http.enqueue(reply);
        return this;
    }

    /** What every request gets once the script is used up; by default a 500. */
    public LoopbackOpenAiServer whenEmptyAnswerError(int status, String message) {
        http.whenEmpty(error(status, message));
        return this;
    }

    /** What every request gets once the script is used up: the same completion. */
    public LoopbackOpenAiServer whenEmptyAnswerCompletion(String content, int promptTokens, int completionTokens) {
        http.whenEmpty(completion(content, promptTokens, completionTokens));
        return this;
    }

    /** What every request gets once the script is used up. */
    public LoopbackOpenAiServer whenEmpty(Reply reply) {
        http.whenEmpty(reply);
        return this;
    }

    /** Bodies of the requests received so far, in order. */
    public List<JsonNode> requests() {
        List<JsonNode> bodies = new ArrayList<>();
        for (Received request : http.received()) {
            try {
                bodies.add(JSON.readTree(request.body()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    /** The requests received so far, with their headers and arrival times. */
    public List<Received> received() {
        return http.received();
    }

    /** The text of every message of the {@code index}-th request, joined with newlines. */
    public String requestText(int index) {
        StringBuilder text = new StringBuilder();
        requests().get(index).path("messages").forEach(m -> text.append(m.path("content").asText()).append('\n'));
        return text.toString();
    }

    /** A chat-completion reply with this text and usage. */
    public Reply completion(String content, int promptTokens, int completionTokens) {
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
        root.set("usage", usage(promptTokens, completionTokens));
        return Reply.json(200, root.toString());
    }

    /**
     * A streamed reply: one chunk per piece of text, a last chunk with {@code finish_reason}, a usage chunk (as sent
     * when the request asks for {@code stream_options.include_usage}) and {@code [DONE]}.
     */
    public Reply streamedCompletion(List<String> pieces, int promptTokens, int completionTokens) {
        String id = "chatcmpl-" + ids.incrementAndGet();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode delta = JSON.createObjectNode();
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", pieces.get(i));
            events.add(chunk(id, delta, null).toString());
        }
        events.add(chunk(id, JSON.createObjectNode(), "stop").toString());
        ObjectNode usageChunk = chunk(id, null, null);
        usageChunk.set("usage", usage(promptTokens, completionTokens));
        events.add(usageChunk.toString());
        events.add("[DONE]");
        return Reply.sse(events);
    }

    /** An error reply with an OpenAI error body. */
    public Reply error(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", status == 429 ? "rate_limit_exceeded" : status == 401 ? "invalid_request_error" : "server_error");
        return Reply.json(status, root.toString());
    }

    private ObjectNode chunk(String id, ObjectNode delta, String finishReason) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("object", "chat.completion.chunk");
        root.put("created", 1_700_000_000L);
        root.put("model", "loopback");
        var choices = root.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject();
            choice.put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
        }
        return root;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return usage;
    }

    @Override
    public void close() {
        http.close();
    }
}
