package com.acme.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.acme.pipeline.target.DeployTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineTest {

    @Test
    void sumsStepEstimates() {
        Pipeline pipeline = new Pipeline(DeployTarget.STAGING)
                .then("compile", Duration.ofMinutes(2))
                .then("test", Duration.ofMinutes(5));
        assertEquals(Duration.ofMinutes(7), pipeline.estimate());
    }

    @Test
    void addsApprovalTimeForProduction() {
        Pipeline pipeline = new Pipeline(DeployTarget.PRODUCTION).then("compile", Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(32), pipeline.estimate());
    }
}
