/**
 * Durable generation on Temporal (opt-in with {@code qlp.orchestration: temporal}): the {@link
 * io.qlp.core.orchestration.CapsuleWorkflow} runs the same pipeline as {@link io.qlp.core.CapsuleGenerator}, with
 * route, prompt, plan, generate (one per task when decomposed), validate, repair and store as activities, so a run
 * survives the death of the worker that runs it. {@link io.qlp.core.orchestration.TemporalCapsuleWorker} runs
 * workflows and activities; {@link io.qlp.core.orchestration.TemporalCapsuleClient} starts, follows and awaits them.
 *
 * <p>Example:
 * <pre>{@code
 * try (TemporalConnection temporal = TemporalConnection.open(settings.temporal());
 *      TemporalCapsuleWorker worker = TemporalCapsuleWorker.builder().connection(temporal).generator(generator).build()) {
 *     worker.start();
 *     TemporalCapsuleClient client = TemporalCapsuleClient.of(temporal);
 *     CapsuleRun run = client.start(request);
 *     Capsule capsule = client.await(run, event -> System.err.println(event.message()));
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.core.orchestration;

import org.jspecify.annotations.NullMarked;
