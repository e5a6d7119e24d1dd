/**
 * API keys (stored as SHA-256 hashes), tenants, request ids, body limits and per-key rate limits.
 *
 * <p>Example: {@code ApiKeys.sha256Hex("my key")} is the value for {@code qlp.server.api-keys[0].sha256}.
 */
@NullMarked
package io.qlp.server.security;

import org.jspecify.annotations.NullMarked;
