package io.qlp.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * Price of a model in US dollars per 1,000 input and output tokens, used to turn token usage into cost.
 *
 * <p>Example: {@code ModelPricing.perThousandTokens("0.0005", "0.0015").cost(1200, 300)}
 *
 * @param inputUsdPer1k price of 1,000 prompt tokens
 * @param outputUsdPer1k price of 1,000 completion tokens
 */
public record ModelPricing(BigDecimal inputUsdPer1k, BigDecimal outputUsdPer1k) {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final ModelPricing FREE = new ModelPricing(BigDecimal.ZERO, BigDecimal.ZERO);

    /** Rejects negative prices, naming the value. */
    public ModelPricing {
        Objects.requireNonNull(inputUsdPer1k, "inputUsdPer1k");
        Objects.requireNonNull(outputUsdPer1k, "outputUsdPer1k");
        if (inputUsdPer1k.signum() < 0) {
            throw new IllegalArgumentException("input price must not be negative: " + inputUsdPer1k);
        }
        if (outputUsdPer1k.signum() < 0) {
            throw new IllegalArgumentException("output price must not be negative: " + outputUsdPer1k);
        }
    }

    /** Prices from decimal strings, such as {@code "0.0005"}. */
    public static ModelPricing perThousandTokens(String inputUsd, String outputUsd) {
        return new ModelPricing(new BigDecimal(inputUsd), new BigDecimal(outputUsd));
    }

    /** A model that costs nothing, such as a local one. */
    public static ModelPricing free() {
        return FREE;
    }

    /** The cost of one call with these token counts. */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        BigDecimal input = inputUsdPer1k.multiply(BigDecimal.valueOf(inputTokens)).divide(THOUSAND, MathContext.DECIMAL64);
        BigDecimal output = outputUsdPer1k.multiply(BigDecimal.valueOf(outputTokens)).divide(THOUSAND, MathContext.DECIMAL64);
        return input.add(output).stripTrailingZeros();
    }
}
