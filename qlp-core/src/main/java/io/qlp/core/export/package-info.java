/**
 * Capsule exporters shipped with the core: {@link io.qlp.core.export.ZipCapsuleExporter}, registered as the
 * {@code zip} {@link io.qlp.api.spi.CapsuleExporterFactory}.
 *
 * <p>Example:
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("capsule.zip"))) {
 *     new ZipCapsuleExporter().export(capsule, out);
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.core.export;

import org.jspecify.annotations.NullMarked;
