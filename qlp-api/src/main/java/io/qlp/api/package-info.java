/**
 * Public, immutable values of QLP: {@link io.qlp.api.CapsuleRequest}, {@link io.qlp.api.Capsule}, tiers,
 * validation reports, progress events and the exception hierarchy rooted at {@link io.qlp.api.QlpException}.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleRequest request = CapsuleRequest.builder()
 *     .description("A Java class that parses ISO-8601 durations, with tests")
 *     .language(Language.JAVA)
 *     .build();
 * }</pre>
 */
@NullMarked
package io.qlp.api;

import org.jspecify.annotations.NullMarked;
