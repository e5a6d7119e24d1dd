/**
 * The tools JVM: a long-lived JVM per host that runs the syntax, compile and static stages of Java validation for
 * the host ({@link io.qlp.validation.internal.tools.ToolsServer}), and the host's pool of them
 * ({@link io.qlp.validation.internal.tools.ToolsJvmPool}). It parses and compiles capsule code but never runs it.
 *
 * <p>Example: {@code ToolsJvmPool.shared().map(pool -> pool.check(sources, true))}
 */
@NullMarked
package io.qlp.validation.internal.tools;

import org.jspecify.annotations.NullMarked;
