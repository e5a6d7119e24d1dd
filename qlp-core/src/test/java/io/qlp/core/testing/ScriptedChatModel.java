package io.qlp.core.testing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link ChatModel} for tests that answers from a script and records the conversations it was sent.
 * Test fixture only: no main code path uses it.
 *
 * <p>Example: {@code ScriptedChatModel model = ScriptedChatModel.answering("### a.py\n```python\nx = 1\n```");}
 */
public final class ScriptedChatModel implements ChatModel {

    private final Deque<String> answers;
    private final List<List<ChatMessage>> received = new ArrayList<>();

    private ScriptedChatModel(List<String> answers) {
        this.answers = new ArrayDeque<>(answers);
    }

    /** A model that gives these answers in order, then fails. */
    public static ScriptedChatModel answering(String... answers) {
        return new ScriptedChatModel(List.of(answers));
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        received.add(List.copyOf(request.messages()));
        if (answers.isEmpty()) {
            throw new IllegalStateException("the script has no answer for call " + received.size());
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(answers.poll()))
                .tokenUsage(new TokenUsage(100, 50))
                .build();
    }

    /** The conversations received, one per call. */
    public synchronized List<List<ChatMessage>> received() {
        return List.copyOf(received);
    }

    /** Number of calls so far. */
    public synchronized int calls() {
        return received.size();
    }
}
