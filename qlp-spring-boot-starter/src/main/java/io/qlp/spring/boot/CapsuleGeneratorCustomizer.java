package io.qlp.spring.boot;

import io.qlp.core.CapsuleGenerator;

/**
 * Changes the {@link CapsuleGenerator.Builder} that {@link QlpAutoConfiguration} fills from {@code qlp.*}, just
 * before it builds the generator. Every customizer bean is applied, in {@link org.springframework.core.annotation.Order}
 * order. The builder rejects an option set twice, so a customizer sets what the properties do not: an executor,
 * a clock, an extra tier model built in code.
 *
 * <p>Example:
 * <pre>{@code
 * @Bean
 * CapsuleGeneratorCustomizer virtualThreads() {
 *     return builder -> builder.executor(Executors.newVirtualThreadPerTaskExecutor());
 * }
 * }</pre>
 *
 * <p>Progress listeners are beans of type {@link io.qlp.api.ProgressListener}, not customizers: the auto-configuration
 * joins all of them into the builder's one listener.
 */
@FunctionalInterface
public interface CapsuleGeneratorCustomizer {

    /** Changes {@code builder}; called once, on the thread that creates the generator bean. */
    void customize(CapsuleGenerator.Builder builder);
}
