package com.acme.pipeline;

import com.acme.pipeline.build.BuildStep;
import com.acme.pipeline.target.DeployTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class Pipeline {

    private final List<BuildStep> steps = new ArrayList<>();
    private final DeployTarget target;

    public Pipeline(DeployTarget target) {
        this.target = target;
    }

    public Pipeline then(String name, Duration estimate) {
        steps.add(new BuildStep(name, estimate));
        return this;
    }

    public Duration estimate() {
        Duration total = steps.stream().map(BuildStep::estimate).reduce(Duration.ZERO, Duration::plus);
        // Production deployments wait for a manual approval.
        return target == DeployTarget.PRODUCTION ? total.plusMinutes(30) : total;
    }
}
