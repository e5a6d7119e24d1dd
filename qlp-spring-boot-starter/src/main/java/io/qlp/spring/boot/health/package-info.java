/**
 * Actuator health indicators of QLP's parts: the capsule store, Redis, Qdrant, Temporal and each tier's model
 * endpoint. None of them spends tokens.
 *
 * <p>Example: {@code GET /actuator/health/qlpStore} answers {@code {"status":"UP","details":{"store":"..."}}}.
 */
@NullMarked
package io.qlp.spring.boot.health;

import org.jspecify.annotations.NullMarked;
