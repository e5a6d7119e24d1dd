/**
 * Implementation of durable orchestration: the workflow, the activities, the pipeline loop they share with the
 * in-process decomposed run, and the mapping between {@link io.qlp.api.QlpException} and Temporal failures. Not API:
 * anything here may change in any release.
 *
 * <p>Example: none; use {@link io.qlp.core.orchestration.TemporalCapsuleWorker}.
 */
@NullMarked
package io.qlp.core.orchestration.internal;

import org.jspecify.annotations.NullMarked;
