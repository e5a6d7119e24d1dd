package io.qlp.core.internal;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.core.TierModel;
import java.util.List;
import java.util.Map;

/** Calls a tier's chat model and turns its answer into text plus usage, and its failures into typed errors. */
public final class ModelCaller {

    /** The answer's text and what it cost. */
    public record Answer(String text, TierUsage usage) {
    }

    /**
     * Sends the conversation to the tier's model.
     *
     * @throws QlpException with a MODEL_* code naming tier and model when the call fails
     */
    public Answer call(Tier tier, TierModel model, List<ChatMessage> conversation, ErrorContext context) {
        ChatResponse response;
        try {
            response = model.chatModel().chat(conversation);
        } catch (RuntimeException e) {
            throw translate(e, model, context.withTier(tier));
        }
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? "" : response.aiMessage().text();
        TokenUsage tokens = response.tokenUsage();
        long input = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long output = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return new Answer(text, new TierUsage(tier, 1, input, output, model.pricing().cost(input, output)));
    }

    static QlpException translate(RuntimeException e, TierModel model, ErrorContext context) {
        if (e instanceof QlpException qlp) {
            return qlp.withContext(context);
        }
        String what = "model '" + model.modelName() + "' failed: " + firstLine(e);
        Map<String, Object> details = Map.of("model", model.modelName(), "cause", e.getClass().getSimpleName());
        if (e instanceof AuthenticationException) {
            return new NonRetriableQlpException(ErrorCode.MODEL_AUTHENTICATION, what, context, details, e);
        }
        if (e instanceof RateLimitException) {
            return new RetriableQlpException(ErrorCode.MODEL_RATE_LIMITED, what, context, details, e);
        }
        if (e instanceof TimeoutException || hasCause(e, java.net.http.HttpTimeoutException.class)
                || hasCause(e, java.net.SocketTimeoutException.class)) {
            return new RetriableQlpException(ErrorCode.MODEL_TIMEOUT, what, context, details, e);
        }
        if (e instanceof InternalServerException || e instanceof RetriableException) {
            return new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, what, context, details, e);
        }
        if (e instanceof InvalidRequestException || e instanceof ModelNotFoundException
                || e instanceof NonRetriableException) {
            return new NonRetriableQlpException(ErrorCode.MODEL_ERROR, what, context, details, e);
        }
        if (e instanceof HttpException http) {
            int status = http.statusCode();
            if (status == 401 || status == 403) {
                return new NonRetriableQlpException(ErrorCode.MODEL_AUTHENTICATION, what, context, details, e);
            }
            if (status == 429) {
                return new RetriableQlpException(ErrorCode.MODEL_RATE_LIMITED, what, context, details, e);
            }
            if (status >= 500) {
                return new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, what, context, details, e);
            }
            return new NonRetriableQlpException(ErrorCode.MODEL_ERROR, what, context, details, e);
        }
        // Connection refused, reset, unreadable bodies: the endpoint is not usable right now.
        return new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, what, context, details, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
