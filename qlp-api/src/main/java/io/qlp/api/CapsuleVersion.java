package io.qlp.api;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One stored version of a capsule: its number, the version it was made from, who made it and why, and the SHA-256
 * of each of its files. Versions of a capsule are numbered 1, 2, 3… in the order they were stored.
 *
 * <p>Example:
 * <pre>{@code
 * for (CapsuleVersion v : store.history("c-42")) {
 *     System.out.println(v.number() + " <- " + v.parent() + " " + v.author() + ": " + v.message());
 * }
 * }</pre>
 *
 * @param capsuleId the capsule
 * @param number version number, 1 for the first
 * @param parent the version this one was made from; null for the first
 * @param author who stored it
 * @param message why it was stored
 * @param requestId the request (or workflow run) that stored it, if known; a store keeps one version per request id
 * @param createdAt when it was stored
 * @param status the capsule's status in this version
 * @param sha256 hex SHA-256 of each file's UTF-8 content, by path, sorted
 */
public record CapsuleVersion(String capsuleId, int number, @Nullable Integer parent, String author, String message,
                             @Nullable String requestId, Instant createdAt, CapsuleStatus status,
                             SortedMap<String, String> sha256) {

    /** Rejects nulls, version numbers below 1 and a parent that is not older. */
    public CapsuleVersion {
        Objects.requireNonNull(capsuleId, "capsuleId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        if (number < 1) {
            throw new IllegalArgumentException("version number must be at least 1: " + number);
        }
        if (parent != null && (parent < 1 || parent >= number)) {
            throw new IllegalArgumentException("parent of version " + number + " must be between 1 and "
                    + (number - 1) + ": " + parent);
        }
        sha256 = Collections.unmodifiableSortedMap(new TreeMap<>(sha256));
    }
}
