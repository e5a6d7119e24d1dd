package io.qlp.routing;

import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.TierRouterFactory;

/**
 * Builds {@link ComplexityRouter}s from configuration, under the name {@value #NAME}. Properties (all optional):
 * {@value #T1}, {@value #T2}, {@value #T3} (the thresholds, decimals in (0, 1]) and {@value #ESCALATE_AFTER_FAILURES}
 * (an integer of at least 1). Missing properties keep the router's defaults.
 *
 * <p>Example:
 * <pre>{@code
 * TierRouter router = ServiceProviders.load(TierRouterFactory.class, "complexity")
 *     .create(ProviderConfig.of(Map.of("thresholds.t1", "0.2", "escalate-after-failures", "1")));
 * }</pre>
 */
public final class ComplexityRouterFactory implements TierRouterFactory {

    /** The provider name. */
    public static final String NAME = "complexity";
    /** Property of the lowest score routed to T1. */
    public static final String T1 = "thresholds.t1";
    /** Property of the lowest score routed to T2. */
    public static final String T2 = "thresholds.t2";
    /** Property of the lowest score routed to T3. */
    public static final String T3 = "thresholds.t3";
    /** Property of the number of failed attempts on a tier before moving up. */
    public static final String ESCALATE_AFTER_FAILURES = "escalate-after-failures";

    /** For {@link java.util.ServiceLoader}. */
    public ComplexityRouterFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComplexityRouter create(ProviderConfig config) {
        ComplexityRouter.Builder builder = ComplexityRouter.builder();
        double t1 = config.decimal(T1, ComplexityRouter.DEFAULT_T1);
        double t2 = config.decimal(T2, ComplexityRouter.DEFAULT_T2);
        double t3 = config.decimal(T3, ComplexityRouter.DEFAULT_T3);
        try {
            builder.thresholds(t1, t2, t3);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("properties '" + T1 + "', '" + T2 + "', '" + T3 + "' are invalid: "
                    + e.getMessage(), e);
        }
        int failures = config.integer(ESCALATE_AFTER_FAILURES, ComplexityRouter.DEFAULT_ESCALATE_AFTER_FAILURES);
        try {
            builder.escalateAfterFailures(failures);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + ESCALATE_AFTER_FAILURES + "' is invalid: "
                    + e.getMessage(), e);
        }
        return builder.build();
    }
}
