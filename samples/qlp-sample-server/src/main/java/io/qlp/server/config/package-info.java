/**
 * Settings of the sample server ({@code qlp.server.*}) and the QLP beans it builds from {@code qlp.*}.
 *
 * <p>Example: {@code qlp.server.rate-limit.requests-per-minute: 60}
 */
@NullMarked
package io.qlp.server.config;

import org.jspecify.annotations.NullMarked;
