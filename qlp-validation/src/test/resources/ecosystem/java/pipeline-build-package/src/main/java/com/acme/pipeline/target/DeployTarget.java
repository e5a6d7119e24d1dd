package com.acme.pipeline.target;

public enum DeployTarget {
    STAGING,
    PRODUCTION
}
