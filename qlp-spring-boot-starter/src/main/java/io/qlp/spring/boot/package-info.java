/**
 * Spring Boot auto-configuration of QLP: a {@link io.qlp.core.CapsuleGenerator} bean built from the {@code qlp.*}
 * keys the {@code qlp} command reads, with its store, memory, caches, router and validators as beans that an
 * application may replace, and {@link io.qlp.spring.boot.CapsuleGeneratorCustomizer} for the rest.
 *
 * <p>Example:
 * <pre>{@code
 * @RestController
 * class Generate {
 *     private final CapsuleGenerator generator;
 *     Generate(CapsuleGenerator generator) { this.generator = generator; }
 *
 *     @PostMapping("/generate")
 *     Capsule generate(@RequestBody CapsuleRequest request) { return generator.generate(request); }
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.spring.boot;

import org.jspecify.annotations.NullMarked;
