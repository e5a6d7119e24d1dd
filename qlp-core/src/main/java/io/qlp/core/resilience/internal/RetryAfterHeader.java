package io.qlp.core.resilience.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a {@code Retry-After} value (RFC 9110): a number of seconds, or an HTTP date.
 *
 * <p>Example: {@code RetryAfterHeader.parse("120", clock)} is two minutes.
 */
public final class RetryAfterHeader {

    private RetryAfterHeader() {
    }

    /** The wait the value asks for; empty when it is neither form. A date in the past means no wait. */
    public static Optional<Duration> parse(String value, Clock clock) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
