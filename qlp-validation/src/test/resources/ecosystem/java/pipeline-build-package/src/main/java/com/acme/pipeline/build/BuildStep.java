package com.acme.pipeline.build;

import java.time.Duration;

public record BuildStep(String name, Duration estimate) {

    public BuildStep {
        if (estimate.isNegative()) {
            throw new IllegalArgumentException("estimate must not be negative");
        }
    }
}
