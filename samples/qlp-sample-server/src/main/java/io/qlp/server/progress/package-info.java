/**
 * Running generations and their progress events, replayable to late Server-Sent-Events subscribers.
 *
 * <p>Example: {@code registry.subscribe(capsuleId, 0, emitter)}
 */
@NullMarked
package io.qlp.server.progress;

import org.jspecify.annotations.NullMarked;
