/**
 * Implementation of the generation pipeline. Not API: anything here may change in any release.
 *
 * <p>Example: none; use {@link io.qlp.core.CapsuleGenerator}.
 */
@NullMarked
package io.qlp.core.internal;

import org.jspecify.annotations.NullMarked;
