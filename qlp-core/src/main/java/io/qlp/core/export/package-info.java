/**
 * Capsule exporters shipped with the core: {@code zip} ({@link io.qlp.core.export.ZipCapsuleExporter}),
 * {@code tar.gz} ({@link io.qlp.core.export.TarGzCapsuleExporter}) and {@code directory}
 * ({@link io.qlp.core.export.DirectoryCapsuleExporter}, a ready-to-build project), with optional Ed25519 or
 * HMAC-SHA256 signatures ({@link io.qlp.core.export.SigningKey}); and the safe reading
 * ({@link io.qlp.core.export.CapsuleArchives}) and checking ({@link io.qlp.core.export.ArchiveVerifier}) of archives.
 *
 * <p>Example:
 * <pre>{@code
 * SigningKey key = SigningKey.hmacSha256(secret, "ci");
 * ZipCapsuleExporter.builder().signingKey(key).build().export(capsule, Path.of("capsule.zip"));
 * ArchiveVerification result = ArchiveVerifier.verify(Path.of("capsule.zip"), key);
 * }</pre>
 */
@NullMarked
package io.qlp.core.export;

import org.jspecify.annotations.NullMarked;
