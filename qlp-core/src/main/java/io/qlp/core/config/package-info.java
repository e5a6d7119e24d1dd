/**
 * The {@code qlp.*} configuration shared by the CLI and the Spring Boot starter, and the factory that turns it into
 * a {@link io.qlp.core.CapsuleGenerator}.
 *
 * <p>Example:
 * <pre>{@code
 * QlpSettings settings = QlpSettings.fromMap(yamlTree);
 * CapsuleGenerator generator = GeneratorFactory.builderFrom(settings).build();
 * }</pre>
 */
@NullMarked
package io.qlp.core.config;

import org.jspecify.annotations.NullMarked;
