package io.qlp.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who stores a capsule version, why, and for which request; kept in the version and in the audit log.
 *
 * <p>Example: {@code store.save(capsule, VersionMetadata.of("ada", "fix the parser").withRequestId("req-7"))}
 *
 * @param author who stores the version; not blank, at most {@link #MAX_AUTHOR_LENGTH} characters
 * @param message why; not blank, at most {@link #MAX_MESSAGE_LENGTH} characters
 * @param requestId the request or workflow run storing it, if any; storing twice with the same id stores once
 */
public record VersionMetadata(String author, String message, @Nullable String requestId) {

    /** Longest author, in characters. */
    public static final int MAX_AUTHOR_LENGTH = 200;
    /** Longest message, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 2_000;
    /** Longest request id, in characters. */
    public static final int MAX_REQUEST_ID_LENGTH = 200;

    /**
     * Checks every field.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} naming the field
     */
    public VersionMetadata {
        author = checked("author", author, MAX_AUTHOR_LENGTH);
        message = checked("message", message, MAX_MESSAGE_LENGTH);
        if (requestId != null) {
            requestId = checked("requestId", requestId, MAX_REQUEST_ID_LENGTH);
        }
    }

    /** Metadata without a request id. */
    public static VersionMetadata of(String author, String message) {
        return new VersionMetadata(author, message, null);
    }

    /** What {@code CapsuleStore.save(capsule)} records: author {@code qlp}, message {@code saved}. */
    public static VersionMetadata saved() {
        return of("qlp", "saved");
    }

    /** A copy with the given request id. */
    public VersionMetadata withRequestId(@Nullable String newRequestId) {
        return new VersionMetadata(author, message, newRequestId);
    }

    private static String checked(String field, @Nullable String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, field + " must not be empty or blank",
                    Map.of("field", field));
        }
        if (value.length() > maxLength) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, field + " is " + value.length()
                    + " characters; the limit is " + maxLength, Map.of("field", field));
        }
        return value;
    }
}
