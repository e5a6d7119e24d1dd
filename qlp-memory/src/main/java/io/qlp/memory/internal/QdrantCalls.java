package io.qlp.memory.internal;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.RetriableQlpException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs one Qdrant gRPC call with a deadline and turns its failure into a {@link QlpException} that names the server
 * and the collection. {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code RESOURCE_EXHAUSTED} are retriable
 * (the server is down, slow or rate limiting); every other status is not.
 *
 * <p>Example: {@code long n = calls.call("count", "qlp_errors", t -> client.countAsync("qlp_errors", t));}
 */
public final class QdrantCalls {

    /** Extra time the caller waits beyond the gRPC deadline before giving up itself. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final String server;
    private final Duration timeout;

    /**
     * Calls of one server.
     *
     * @param server how errors name the server, such as {@code 127.0.0.1:6334}
     * @param timeout deadline of every call
     */
    public QdrantCalls(String server, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.server = server;
        this.timeout = timeout;
    }

    /** How errors name the server. */
    public String server() {
        return server;
    }

    /**
     * Starts a call with this deadline and waits for it.
     *
     * @param operation what the call does, for messages, such as {@code "upsert 3 points"}
     * @param collection the Qdrant collection it works on
     * @param call starts the call, given the deadline to pass to the client
     * @throws RetriableQlpException with {@link ErrorCode#STORE_FAILURE} when the server is down, slow or busy
     * @throws NonRetriableQlpException with {@link ErrorCode#STORE_FAILURE} for every other failure
     */
    public <T> T call(String operation, String collection, Function<Duration, ListenableFuture<T>> call) {
        ListenableFuture<T> future = call.apply(timeout);
        try {
            // The gRPC deadline ends the call; the bounded wait only guards against a client that ignores it.
            return future.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RetriableQlpException(ErrorCode.STORE_FAILURE, "interrupted while waiting for Qdrant at "
                    + server + " to " + operation + " in collection '" + collection + "'", ErrorContext.empty(),
                    details(collection, operation, null), e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(Status.DEADLINE_EXCEEDED.withDescription("no answer in " + timeout.plus(GRACE)),
                    operation, collection, e);
        } catch (CancellationException e) {
            throw failure(Status.CANCELLED.withDescription("call was cancelled"), operation, collection, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw failure(Status.fromThrowable(cause), operation, collection, cause);
        }
    }

    /**
     * Like {@link #call}, but a {@code NOT_FOUND} answer (an unknown collection) returns null instead of failing.
     */
    public <T> @Nullable T callUnlessNotFound(String operation, String collection,
                                              Function<Duration, ListenableFuture<T>> call) {
        try {
            return call(operation, collection, call);
        } catch (QlpException e) {
            if (hasStatus(e, Status.Code.NOT_FOUND)) {
                return null;
            }
            throw e;
        }
    }

    /** Whether {@code failure} came from a call the server answered with {@code code}. */
    public static boolean hasStatus(QlpException failure, Status.Code code) {
        return code.name().equals(failure.details().get("status"));
    }

    /** Whether a call that ended with {@code code} may succeed when tried again unchanged. */
    public static boolean retriable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    /**
     * The exception for a call that ended with {@code status}.
     *
     * @return a {@link RetriableQlpException} or a {@link NonRetriableQlpException}, both with
     *     {@link ErrorCode#STORE_FAILURE}, whose message names the server, the collection and the status
     */
    public QlpException failure(Status status, String operation, String collection, @Nullable Throwable cause) {
        Status.Code code = status.getCode();
        String description = status.getDescription() == null ? "" : ": " + status.getDescription();
        String hint = switch (code) {
            case UNAVAILABLE -> " (is the server running and reachable?)";
            case DEADLINE_EXCEEDED -> " (no answer within " + timeout + ")";
            case PERMISSION_DENIED, UNAUTHENTICATED -> " (check the API key)";
            default -> "";
        };
        String message = "Qdrant at " + server + " failed to " + operation + " in collection '" + collection
                + "': " + code + description + hint;
        Map<String, Object> details = details(collection, operation, code);
        if (retriable(code)) {
            return new RetriableQlpException(ErrorCode.STORE_FAILURE, message, ErrorContext.empty(), details, cause);
        }
        return new NonRetriableQlpException(ErrorCode.STORE_FAILURE, message, ErrorContext.empty(), details, cause);
    }

    private Map<String, Object> details(String collection, String operation, Status.@Nullable Code code) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("server", server);
        details.put("collection", collection);
        details.put("operation", operation);
        if (code != null) {
            details.put("status", code.name());
        }
        return details;
    }
}
