/**
 * The entry point of QLP: {@link io.qlp.core.CapsuleGenerator} routes a request to a tier, calls the tier's
 * LangChain4j {@code ChatModel}, parses the files, validates them, repairs from the findings, stores and returns
 * the capsule.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleGenerator generator = CapsuleGenerator.builder()
 *     .tier(Tier.T0, cheapModel, ModelPricing.perThousandTokens("0.0005", "0.0015"))
 *     .tier(Tier.T2, strongModel)
 *     .maxAttempts(3)
 *     .build();
 * Capsule capsule = generator.generate(CapsuleRequest.builder().description("ISO-8601 duration parser").build());
 * }</pre>
 */
@NullMarked
package io.qlp.core;

import org.jspecify.annotations.NullMarked;
