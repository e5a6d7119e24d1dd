package io.qlp.api.spi;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Filters and paging for {@link CapsuleStore#list(CapsuleQuery)}. Every filter that is set must match; results are
 * newest first (by manifest creation time, then id, both descending).
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleQuery query = CapsuleQuery.builder()
 *     .status(CapsuleStatus.VALIDATED).language(Language.JAVA)
 *     .createdFrom(Instant.parse("2026-01-01T00:00:00Z")).text("duration")
 *     .page(0, 20)
 *     .build();
 * }</pre>
 *
 * @param status only capsules with this status, if set
 * @param language only capsules of this language, if set
 * @param createdFrom only capsules whose manifest was created at or after this instant, if set
 * @param createdBefore only capsules whose manifest was created before this instant, if set
 * @param text only capsules whose id or request description contains this text, ignoring case, if set
 * @param offset capsules to skip
 * @param limit most capsules to return, 1 to {@link #MAX_LIMIT}
 */
public record CapsuleQuery(@Nullable CapsuleStatus status, @Nullable Language language, @Nullable Instant createdFrom,
                           @Nullable Instant createdBefore, @Nullable String text, int offset, int limit) {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;
    /** Longest search text, in characters. */
    public static final int MAX_TEXT_LENGTH = 200;

    /**
     * Rejects a negative offset, a limit outside 1..{@link #MAX_LIMIT}, an empty date range and an overlong text,
     * naming the value. A blank text means no text filter.
     */
    public CapsuleQuery {
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative: " + offset);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw new IllegalArgumentException("createdFrom " + createdFrom + " must be before createdBefore "
                    + createdBefore);
        }
        if (text != null && text.isBlank()) {
            text = null;
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must be at most " + MAX_TEXT_LENGTH + " characters: "
                    + text.length());
        }
    }

    /** A query by status and language only, kept for callers written before date and text filters existed. */
    public CapsuleQuery(@Nullable CapsuleStatus status, @Nullable Language language, int offset, int limit) {
        this(status, language, null, null, null, offset, limit);
    }

    /** The first {@code limit} capsules, unfiltered. */
    public static CapsuleQuery firstPage(int limit) {
        return new CapsuleQuery(null, null, 0, limit);
    }

    /** A new builder: no filters, offset 0, limit 20. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same filters, for the page after this one. */
    public CapsuleQuery nextPage() {
        return new CapsuleQuery(status, language, createdFrom, createdBefore, text, offset + limit, limit);
    }

    /** Builds {@link CapsuleQuery}s; each filter may be set once. */
    public static final class Builder {
        private @Nullable CapsuleStatus status;
        private @Nullable Language language;
        private @Nullable Instant createdFrom;
        private @Nullable Instant createdBefore;
        private @Nullable String text;
        private int offset;
        private int limit = 20;
        private boolean paged;

        private Builder() {
        }

        /** Only capsules with this status. */
        public Builder status(CapsuleStatus value) {
            requireUnset(status, "status");
            status = value;
            return this;
        }

        /** Only capsules of this language. */
        public Builder language(Language value) {
            requireUnset(language, "language");
            language = value;
            return this;
        }

        /** Only capsules created at or after this instant. */
        public Builder createdFrom(Instant value) {
            requireUnset(createdFrom, "createdFrom");
            createdFrom = value;
            return this;
        }

        /** Only capsules created before this instant. */
        public Builder createdBefore(Instant value) {
            requireUnset(createdBefore, "createdBefore");
            createdBefore = value;
            return this;
        }

        /** Only capsules whose id or description contains this text, ignoring case. */
        public Builder text(String value) {
            requireUnset(text, "text");
            text = value;
            return this;
        }

        /** Skips {@code newOffset} capsules and returns at most {@code newLimit}. */
        public Builder page(int newOffset, int newLimit) {
            if (paged) {
                throw new IllegalStateException("page was already set to offset " + offset + ", limit " + limit);
            }
            paged = true;
            offset = newOffset;
            limit = newLimit;
            return this;
        }

        /**
         * Builds the query.
         *
         * @throws IllegalArgumentException naming the value when the paging or the date range is invalid
         */
        public CapsuleQuery build() {
            return new CapsuleQuery(status, language, createdFrom, createdBefore, text, offset, limit);
        }

        private static void requireUnset(@Nullable Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set to " + current);
            }
        }
    }
}
