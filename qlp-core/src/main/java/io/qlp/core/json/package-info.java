/**
 * The JSON form of capsules, manifests ({@code capsule.json}) and validation reports, and the SHA-256 helpers the
 * manifest uses.
 *
 * <p>Example:
 * <pre>{@code
 * String json = CapsuleJson.write(capsule);
 * Capsule back = CapsuleJson.readCapsule(json);
 * String hash = Manifests.sha256Hex(capsule.files().get(0).content());
 * }</pre>
 */
@NullMarked
package io.qlp.core.json;

import org.jspecify.annotations.NullMarked;
