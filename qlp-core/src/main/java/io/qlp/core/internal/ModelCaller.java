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
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Tier;
import io.qlp.api.TierUsage;
import io.qlp.core.TierModel;
import io.qlp.core.provider.ModelProvider;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.resilience.RetryAfterHttpException;
import io.qlp.core.resilience.internal.TierCallGuards;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls a tier's chat model under its retry and circuit breaker, and turns its answer into text plus usage, and its
 * failures into typed errors naming tier, provider, model and cause. One per generator, so breakers outlive requests.
 *
 * <p>Example: {@code new ModelCaller(CallResilience.defaults()).call(Tier.T0, tierModel, messages, ErrorContext.empty())}
 */
public final class ModelCaller {

    private final TierCallGuards guards;

    /** The answer's text and what it cost. */
    public record Answer(String text, TierUsage usage) {
    }

    /** A caller with {@link CallResilience#defaults()}. */
    public ModelCaller() {
        this(CallResilience.defaults());
    }

    /** A caller following {@code resilience}. */
    public ModelCaller(CallResilience resilience) {
        this.guards = new TierCallGuards(resilience);
    }

    /** The retry, breaker and fallback settings. */
    public CallResilience resilience() {
        return guards.settings();
    }

    /**
     * Sends the conversation to the tier's model, retrying what is worth retrying.
     *
     * @throws QlpException with a MODEL_* code naming tier, provider and model when the call fails for good, or
     *     {@link ErrorCode#MODEL_UNAVAILABLE} with detail {@code circuit=open} when the tier's breaker is open
     */
    public Answer call(Tier tier, TierModel model, List<ChatMessage> conversation, ErrorContext context) {
        ErrorContext where = context.withTier(tier);
        String provider = providerOf(model);
        ChatResponse response;
        try {
            response = guards.call(tier, endpoint(model), () -> once(model, conversation, where));
        } catch (CallNotPermittedException open) {
            Map<String, Object> details = details(model, provider, open);
            details.put("circuit", "open");
            throw new RetriableQlpException(ErrorCode.MODEL_UNAVAILABLE, tier + " " + provider + " model '"
                    + model.modelName() + "' is not called: its circuit breaker is open after repeated failures",
                    where, details, open);
        }
        String text = response.aiMessage() == null || response.aiMessage().text() == null
                ? "" : response.aiMessage().text();
        TokenUsage tokens = response.tokenUsage();
        long input = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long output = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return new Answer(text, new TierUsage(tier, 1, input, output, model.pricing().cost(input, output)));
    }

    /**
     * Whether {@code error} says the tier's provider cannot answer now (retries used up on 429, 5xx, timeouts or lost
     * connections, or an open breaker), so another tier may.
     */
    public static boolean providerDown(QlpException error) {
        return error.isRetriable() && (error.errorCode() == ErrorCode.MODEL_UNAVAILABLE
                || error.errorCode() == ErrorCode.MODEL_TIMEOUT || error.errorCode() == ErrorCode.MODEL_RATE_LIMITED);
    }

    /** The provider name of a tier's model, such as {@code openai}. */
    public static String providerOf(TierModel model) {
        return ModelProvider.idOf(model.chatModel().provider());
    }

    private static String endpoint(TierModel model) {
        return providerOf(model) + "/" + model.modelName();
    }

    private static ChatResponse once(TierModel model, List<ChatMessage> conversation, ErrorContext where) {
        try {
            return model.chatModel().chat(conversation);
        } catch (RuntimeException e) {
            throw translate(e, model, where);
        }
    }

    static QlpException translate(RuntimeException e, TierModel model, ErrorContext context) {
        if (e instanceof QlpException qlp) {
            return qlp.withContext(context);
        }
        String provider = providerOf(model);
        String what = (context.tier() == null ? "" : context.tier() + " ") + provider + " model '"
                + model.modelName() + "' failed: " + describe(e);
        Map<String, Object> details = details(model, provider, e);
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

    private static Map<String, Object> details(TierModel model, String provider, Throwable e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", provider);
        details.put("model", model.modelName());
        details.put("cause", rootCause(e).getClass().getSimpleName());
        if (e instanceof HttpException http) {
            details.put("status", http.statusCode());
        } else if (e.getCause() instanceof HttpException http) {
            details.put("status", http.statusCode());
        }
        RetryAfterHttpException.find(e).flatMap(RetryAfterHttpException::retryAfter)
                .ifPresent(wait -> details.put("retryAfterMillis", wait.toMillis()));
        return details;
    }

    /** The error's first line, or for an unreadable body the parser's complaint. */
    private static String describe(Throwable e) {
        if (hasCause(e, com.fasterxml.jackson.core.JsonProcessingException.class)) {
            return "unreadable response body: " + firstLine(rootCause(e));
        }
        return firstLine(e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
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
