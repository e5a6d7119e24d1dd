/**
 * Task decomposition: for a request above a complexity threshold the strongest configured tier first plans tasks
 * (code, tests, docs) with dependencies as JSON; the tasks run in topological order, independent ones in parallel up
 * to a limit, and the capsule is assembled from their files, then validated and repaired as usual.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T0, small).tier(Tier.T3, strong)
 *     .decomposition(Decomposition.builder().threshold(0.4).maxParallelTasks(3).build())
 *     .build();
 * TaskPlan plan = TaskPlan.parse("{\"tasks\":[{\"id\":\"code\",\"kind\":\"code\",\"description\":\"the parser\"}]}");
 * }</pre>
 */
@NullMarked
package io.qlp.core.decompose;

import org.jspecify.annotations.NullMarked;
