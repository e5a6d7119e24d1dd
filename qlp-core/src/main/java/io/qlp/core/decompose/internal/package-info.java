/**
 * Implementation of task decomposition: the planner's prompts, the JSON reader of plans, the dependency graph and the
 * merge of task outputs. Not API: anything here may change in any release.
 *
 * <p>Example: none; use {@link io.qlp.core.decompose.TaskPlan} and {@link io.qlp.core.decompose.Decomposition}.
 */
@NullMarked
package io.qlp.core.decompose.internal;

import org.jspecify.annotations.NullMarked;
