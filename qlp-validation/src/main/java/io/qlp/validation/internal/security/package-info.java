/**
 * The checks of {@link io.qlp.validation.SecurityValidator}: a small lexer that separates code, comments and string
 * literals per language, and the rules that run on it (hard-coded secrets by known pattern and by entropy,
 * dangerous calls, SQL built by concatenation, files written outside the capsule). Not an API; anything here may
 * change without notice.
 *
 * <p>Example: {@code List<Finding> findings = SecurityScanner.withDefaults().scan(file);}
 */
@NullMarked
package io.qlp.validation.internal.security;

import org.jspecify.annotations.NullMarked;
