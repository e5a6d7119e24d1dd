package io.qlp.core.testing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link ChatModel} for tests that answers each call with a function of the conversation, and may be called from
 * several threads at once; for tests where the order of calls is not fixed, such as parallel tasks. Test fixture only.
 *
 * <p>Example:
 * <pre>{@code
 * RespondingChatModel model = RespondingChatModel.answering(call -> call.lastUserText().contains("tests")
 *     ? TEST_FILE : CODE_FILE);
 * }</pre>
 */
public final class RespondingChatModel implements ChatModel {

    /** One call as the function sees it. */
    public record Call(List<ChatMessage> messages) {

        /** The system prompt, or empty. */
        public String systemText() {
            return messages.stream().filter(SystemMessage.class::isInstance).map(m -> ((SystemMessage) m).text())
                    .findFirst().orElse("");
        }

        /** The text of the last user message, or empty. */
        public String lastUserText() {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i) instanceof UserMessage user) {
                    return user.singleText();
                }
            }
            return "";
        }

        /** Every message's text, joined with newlines. */
        public String allText() {
            StringBuilder text = new StringBuilder();
            for (ChatMessage message : messages) {
                if (message instanceof SystemMessage system) {
                    text.append(system.text());
                } else if (message instanceof UserMessage user) {
                    text.append(user.singleText());
                } else if (message instanceof AiMessage ai) {
                    text.append(ai.text());
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    private final Function<Call, String> answers;
    private final List<Call> received = new ArrayList<>();

    private RespondingChatModel(Function<Call, String> answers) {
        this.answers = answers;
    }

    /** A model answering with {@code answers}; an exception thrown there fails the call. */
    public static RespondingChatModel answering(Function<Call, String> answers) {
        return new RespondingChatModel(answers);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        Call call = new Call(List.copyOf(request.messages()));
        synchronized (this) {
            received.add(call);
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(answers.apply(call)))
                .tokenUsage(new TokenUsage(100, 50)).build();
    }

    /** The calls received so far. */
    public synchronized List<Call> received() {
        return List.copyOf(received);
    }
}
