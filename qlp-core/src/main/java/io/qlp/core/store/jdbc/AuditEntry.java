package io.qlp.core.store.jdbc;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of the store's audit log: who did what to which capsule, when, and for which request.
 *
 * <p>Example: {@code store.audit("c-42").forEach(e -> System.out.println(e.occurredAt() + " " + e.actor() + " " + e.action()));}
 *
 * @param id increasing number of the entry
 * @param occurredAt when it happened
 * @param actor who did it: the version's author, or the store's actor for deletions
 * @param action {@code create}, {@code save}, {@code append} or {@code delete}
 * @param capsuleId the capsule
 * @param version the version written, if any
 * @param requestId the request or workflow run, if known
 * @param detail the version's message, if any
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String action, String capsuleId,
                         @Nullable Integer version, @Nullable String requestId, @Nullable String detail) {

    /** Rejects nulls where a value is required. */
    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(capsuleId, "capsuleId");
    }
}
