package io.qlp.core.orchestration.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.core.orchestration.CapsuleActivities.FailureDetails;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps {@link QlpException}s to Temporal application failures and back. The failure's type is the error code's name,
 * its detail a {@link FailureDetails}, and errors that are not retriable are non-retryable, so Temporal retries
 * exactly what QLP calls retriable.
 */
public final class Failures {

    /** Types Temporal must never retry: every code that is not retriable, and our non-retriable exception class. */
    public static final String[] NON_RETRIABLE_TYPES = java.util.stream.Stream.concat(
            Arrays.stream(ErrorCode.values()).filter(code -> !code.retriable()).map(ErrorCode::name),
            java.util.stream.Stream.of(NonRetriableQlpException.class.getName())).toArray(String[]::new);

    private Failures() {
    }

    /** The application failure for {@code error}; a {@code retryAfterMillis} detail becomes the next retry delay. */
    public static ApplicationFailure toFailure(QlpException error) {
        FailureDetails details = details(error);
        if (!error.isRetriable()) {
            return ApplicationFailure.newNonRetryableFailureWithCause(error.getMessage(), error.errorCode().name(),
                    null, details);
        }
        Object retryAfter = error.details().get("retryAfterMillis");
        if (retryAfter instanceof Number millis && millis.longValue() > 0) {
            return ApplicationFailure.newFailureWithCauseAndDelay(error.getMessage(), error.errorCode().name(), null,
                    Duration.ofMillis(millis.longValue()), details);
        }
        return ApplicationFailure.newFailureWithCause(error.getMessage(), error.errorCode().name(), null, details);
    }

    /** What a failure carries about {@code error}. */
    public static FailureDetails details(QlpException error) {
        Map<String, String> text = new LinkedHashMap<>();
        error.details().forEach((key, value) -> text.put(key, String.valueOf(value)));
        ErrorContext context = error.context();
        return new FailureDetails(error.errorCode().name(), error.rawMessage(), error.isRetriable(), context.tier(),
                context.stage() == null ? null : context.stage().name(), context.capsuleId(), text);
    }

    /**
     * The {@link QlpException} a Temporal failure stands for: the original one when it came from QLP, else one that
     * names what Temporal saw. Cancellation is returned unchanged, so a cancelled workflow ends as cancelled.
     *
     * @param stage the stage that was running, for failures that did not come from QLP
     */
    public static RuntimeException toQlp(RuntimeException failure, Stage stage) {
        if (failure instanceof QlpException || failure instanceof CanceledFailure) {
            return failure;
        }
        Throwable cause = failure instanceof ActivityFailure || failure instanceof ChildWorkflowFailure
                ? failure.getCause() : failure;
        if (cause instanceof CanceledFailure canceled) {
            return canceled;
        }
        if (cause instanceof ApplicationFailure application) {
            FailureDetails details = detailsOf(application);
            if (details != null) {
                return fromDetails(details);
            }
            return new NonRetriableQlpException(ErrorCode.INTERNAL, application.getOriginalMessage()
                    + " (" + application.getType() + ")", ErrorContext.empty().withStage(stage), Map.of(), failure);
        }
        if (cause instanceof TimeoutFailure timeout) {
            return new RetriableQlpException(timeoutCode(stage), stage + " step timed out ("
                    + timeout.getTimeoutType() + ") after its retries", ErrorContext.empty().withStage(stage),
                    Map.of("timeout", String.valueOf(timeout.getTimeoutType())), failure);
        }
        return new NonRetriableQlpException(ErrorCode.INTERNAL, "workflow step " + stage + " failed: " + failure,
                ErrorContext.empty().withStage(stage), Map.of(), failure);
    }

    /** The {@link FailureDetails} of an application failure, if it has one. */
    public static @Nullable FailureDetails detailsOf(ApplicationFailure failure) {
        try {
            if (failure.getDetails().getSize() == 0) {
                return null;
            }
            return failure.getDetails().get(0, FailureDetails.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The exception {@code details} describes. */
    public static QlpException fromDetails(FailureDetails details) {
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(details.code());
        } catch (IllegalArgumentException e) {
            code = ErrorCode.INTERNAL;
        }
        Stage stage = details.stage() == null ? null : Stage.valueOf(details.stage());
        ErrorContext context = new ErrorContext(details.tier(), stage, details.capsuleId());
        return details.retriable()
                ? new RetriableQlpException(code, details.message(), context, details.details(), null)
                : new NonRetriableQlpException(code, details.message(), context, details.details(), null);
    }

    private static ErrorCode timeoutCode(Stage stage) {
        return switch (stage) {
            case GENERATE -> ErrorCode.MODEL_TIMEOUT;
            case VALIDATE -> ErrorCode.VALIDATION_INFRASTRUCTURE;
            case STORE -> ErrorCode.STORE_FAILURE;
            default -> ErrorCode.MODEL_UNAVAILABLE;
        };
    }
}
