package io.qlp.api.spi;

import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import org.jspecify.annotations.Nullable;

/**
 * Filters and paging for {@link CapsuleStore#list(CapsuleQuery)}. Results are newest first.
 *
 * <p>Example: {@code new CapsuleQuery(CapsuleStatus.VALIDATED, Language.JAVA, 0, 20)}
 *
 * @param status only capsules with this status, if set
 * @param language only capsules of this language, if set
 * @param offset capsules to skip
 * @param limit most capsules to return, 1 to {@link #MAX_LIMIT}
 */
public record CapsuleQuery(@Nullable CapsuleStatus status, @Nullable Language language, int offset, int limit) {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    /** Rejects a negative offset and a limit outside 1..{@link #MAX_LIMIT}, naming the value. */
    public CapsuleQuery {
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative: " + offset);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first {@code limit} capsules, unfiltered. */
    public static CapsuleQuery firstPage(int limit) {
        return new CapsuleQuery(null, null, 0, limit);
    }
}
