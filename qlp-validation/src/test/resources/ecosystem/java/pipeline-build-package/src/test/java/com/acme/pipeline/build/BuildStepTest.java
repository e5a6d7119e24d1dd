package com.acme.pipeline.build;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildStepTest {

    @Test
    void refusesNegativeEstimates() {
        assertThrows(IllegalArgumentException.class, () -> new BuildStep("lint", Duration.ofSeconds(-1)));
    }
}
