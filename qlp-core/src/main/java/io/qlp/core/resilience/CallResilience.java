package io.qlp.core.resilience;

import io.qlp.api.Tier;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How model calls survive provider failures. Retries cover 429, 5xx, timeouts and dropped connections, with
 * exponential backoff and jitter; a {@code Retry-After} header replaces the backoff when it asks for no more than
 * {@link #maxRetryAfter()} (a longer wait fails the call at once). A circuit breaker per tier and provider opens when
 * most recent calls failed, and then no request reaches that provider until {@link #openStateWait()} has passed.
 * When a tier's retries are used up or its breaker is open, the call moves to the next configured tier up when
 * {@link #fallbackToNextTier()} is on. Authentication and bad-request errors are never retried.
 *
 * <p>Example:
 * <pre>{@code
 * CallResilience resilience = CallResilience.builder()
 *     .maxRetries(3).maxRetries(Tier.T3, 1)
 *     .initialBackoff(Duration.ofMillis(250)).backoffMultiplier(2).jitter(0.5)
 *     .breakerWindow(10, 5).breakerFailureRate(50).openStateWait(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class CallResilience {

    /** Default retries after the first try of a call. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    private static final CallResilience DEFAULTS = builder().build();

    private final int maxRetries;
    private final Map<Tier, Integer> maxRetriesByTier;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final int breakerWindow;
    private final int breakerMinimumCalls;
    private final float breakerFailureRate;
    private final Duration openStateWait;
    private final boolean fallbackToNextTier;

    private CallResilience(Builder builder) {
        this.maxRetries = builder.maxRetries == null ? DEFAULT_MAX_RETRIES : builder.maxRetries;
        this.maxRetriesByTier = Collections.unmodifiableMap(new EnumMap<>(builder.maxRetriesByTier));
        this.initialBackoff = builder.initialBackoff;
        this.backoffMultiplier = builder.backoffMultiplier;
        this.jitter = builder.jitter;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.breakerWindow = builder.breakerWindow;
        this.breakerMinimumCalls = builder.breakerMinimumCalls;
        this.breakerFailureRate = builder.breakerFailureRate;
        this.openStateWait = builder.openStateWait;
        this.fallbackToNextTier = builder.fallbackToNextTier;
    }

    /**
     * Two retries starting at 500 ms, doubling up to 30 s with ±50 % jitter, {@code Retry-After} honoured up to 60 s;
     * a breaker over the last 10 calls that opens at a 50 % failure rate once 5 calls were seen, for 30 s; fallback on.
     */
    public static CallResilience defaults() {
        return DEFAULTS;
    }

    /** A new builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Retries after the first try on {@code tier}. */
    public int maxRetries(Tier tier) {
        return maxRetriesByTier.getOrDefault(tier, maxRetries);
    }

    /** Wait before the first retry. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Factor by which each further wait grows. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** Randomisation factor of each wait, 0 to 1: a wait of {@code w} becomes one in {@code w × (1 ± jitter)}. */
    public double jitter() {
        return jitter;
    }

    /** Longest computed wait between retries. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Longest {@code Retry-After} honoured; a longer one ends the retries at once. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** Calls the breaker looks at. */
    public int breakerWindow() {
        return breakerWindow;
    }

    /** Calls the breaker must have seen before it may open. */
    public int breakerMinimumCalls() {
        return breakerMinimumCalls;
    }

    /** Failure rate in percent at which the breaker opens. */
    public float breakerFailureRate() {
        return breakerFailureRate;
    }

    /** How long an open breaker refuses calls before letting one through to test the provider. */
    public Duration openStateWait() {
        return openStateWait;
    }

    /** Whether a call moves to the next configured tier up when its tier's provider is down. */
    public boolean fallbackToNextTier() {
        return fallbackToNextTier;
    }

    @Override
    public String toString() {
        return "CallResilience{maxRetries=" + maxRetries + ", byTier=" + maxRetriesByTier + ", initialBackoff="
                + initialBackoff + ", multiplier=" + backoffMultiplier + ", jitter=" + jitter + ", maxBackoff="
                + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", breaker=" + breakerWindow + "/"
                + breakerMinimumCalls + "@" + breakerFailureRate + "%, openStateWait=" + openStateWait
                + ", fallback=" + fallbackToNextTier + "}";
    }

    /** Builds {@link CallResilience}. Every option may be set once. */
    public static final class Builder {
        private Integer maxRetries;
        private final Map<Tier, Integer> maxRetriesByTier = new EnumMap<>(Tier.class);
        private Duration initialBackoff = Duration.ofMillis(500);
        private boolean initialBackoffSet;
        private double backoffMultiplier = 2.0;
        private boolean backoffMultiplierSet;
        private double jitter = 0.5;
        private boolean jitterSet;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private boolean maxBackoffSet;
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private boolean maxRetryAfterSet;
        private int breakerWindow = 10;
        private int breakerMinimumCalls = 5;
        private boolean breakerWindowSet;
        private float breakerFailureRate = 50f;
        private boolean breakerFailureRateSet;
        private Duration openStateWait = Duration.ofSeconds(30);
        private boolean openStateWaitSet;
        private boolean fallbackToNextTier = true;
        private boolean fallbackSet;

        private Builder() {
        }

        /** Retries after the first try, 0 to 10, for tiers without their own; default {@value #DEFAULT_MAX_RETRIES}. */
        public Builder maxRetries(int retries) {
            if (maxRetries != null) {
                throw new IllegalStateException("maxRetries was already set to " + maxRetries);
            }
            this.maxRetries = checkRetries(retries);
            return this;
        }

        /** Retries after the first try on {@code tier}, 0 to 10. */
        public Builder maxRetries(Tier tier, int retries) {
            Objects.requireNonNull(tier, "tier");
            if (maxRetriesByTier.containsKey(tier)) {
                throw new IllegalStateException("maxRetries of " + tier + " was already set to "
                        + maxRetriesByTier.get(tier));
            }
            maxRetriesByTier.put(tier, checkRetries(retries));
            return this;
        }

        private static int checkRetries(int retries) {
            if (retries < 0 || retries > 10) {
                throw new IllegalArgumentException("max retries must be between 0 and 10: " + retries);
            }
            return retries;
        }

        /** Wait before the first retry, at least 1 ms; default 500 ms. */
        public Builder initialBackoff(Duration wait) {
            if (initialBackoffSet) {
                throw new IllegalStateException("initialBackoff was already set to " + initialBackoff);
            }
            this.initialBackoff = positive("initial backoff", wait);
            this.initialBackoffSet = true;
            return this;
        }

        /** Growth factor of the waits, at least 1; default 2. */
        public Builder backoffMultiplier(double multiplier) {
            if (backoffMultiplierSet) {
                throw new IllegalStateException("backoffMultiplier was already set to " + backoffMultiplier);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("backoff multiplier must be at least 1: " + multiplier);
            }
            this.backoffMultiplier = multiplier;
            this.backoffMultiplierSet = true;
            return this;
        }

        /** Randomisation factor of each wait, in [0, 1); default 0.5. */
        public Builder jitter(double factor) {
            if (jitterSet) {
                throw new IllegalStateException("jitter was already set to " + jitter);
            }
            if (!(factor >= 0.0 && factor < 1.0)) {
                throw new IllegalArgumentException("jitter must be in [0, 1): " + factor);
            }
            this.jitter = factor;
            this.jitterSet = true;
            return this;
        }

        /** Longest computed wait; default 30 s. */
        public Builder maxBackoff(Duration wait) {
            if (maxBackoffSet) {
                throw new IllegalStateException("maxBackoff was already set to " + maxBackoff);
            }
            this.maxBackoff = positive("max backoff", wait);
            this.maxBackoffSet = true;
            return this;
        }

        /** Longest {@code Retry-After} honoured; default 60 s. */
        public Builder maxRetryAfter(Duration wait) {
            if (maxRetryAfterSet) {
                throw new IllegalStateException("maxRetryAfter was already set to " + maxRetryAfter);
            }
            this.maxRetryAfter = positive("max Retry-After", wait);
            this.maxRetryAfterSet = true;
            return this;
        }

        /**
         * The breaker looks at the last {@code window} calls and may open once it has seen {@code minimumCalls};
         * default 10 and 5.
         */
        public Builder breakerWindow(int window, int minimumCalls) {
            if (breakerWindowSet) {
                throw new IllegalStateException("breakerWindow was already set to " + breakerWindow);
            }
            if (window < 1) {
                throw new IllegalArgumentException("breaker window must be at least 1: " + window);
            }
            if (minimumCalls < 1 || minimumCalls > window) {
                throw new IllegalArgumentException("breaker minimum calls must be between 1 and the window ("
                        + window + "): " + minimumCalls);
            }
            this.breakerWindow = window;
            this.breakerMinimumCalls = minimumCalls;
            this.breakerWindowSet = true;
            return this;
        }

        /** Failure rate in percent, in (0, 100], at which the breaker opens; default 50. */
        public Builder breakerFailureRate(float percent) {
            if (breakerFailureRateSet) {
                throw new IllegalStateException("breakerFailureRate was already set to " + breakerFailureRate);
            }
            if (!(percent > 0f && percent <= 100f)) {
                throw new IllegalArgumentException("breaker failure rate must be in (0, 100]: " + percent);
            }
            this.breakerFailureRate = percent;
            this.breakerFailureRateSet = true;
            return this;
        }

        /** How long an open breaker refuses calls; default 30 s. */
        public Builder openStateWait(Duration wait) {
            if (openStateWaitSet) {
                throw new IllegalStateException("openStateWait was already set to " + openStateWait);
            }
            this.openStateWait = positive("open state wait", wait);
            this.openStateWaitSet = true;
            return this;
        }

        /** Whether a call moves to the next configured tier up when its provider is down; default true. */
        public Builder fallbackToNextTier(boolean enabled) {
            if (fallbackSet) {
                throw new IllegalStateException("fallbackToNextTier was already set to " + fallbackToNextTier);
            }
            this.fallbackToNextTier = enabled;
            this.fallbackSet = true;
            return this;
        }

        private static Duration positive(String what, Duration wait) {
            Objects.requireNonNull(wait, what);
            if (wait.isNegative() || wait.isZero() || wait.toMillis() < 1) {
                throw new IllegalArgumentException(what + " must be at least 1 ms: " + wait);
            }
            return wait;
        }

        /**
         * Builds the settings.
         *
         * @throws IllegalStateException when the initial backoff is longer than the maximum backoff
         */
        public CallResilience build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException("initial backoff " + initialBackoff + " is longer than max backoff "
                        + maxBackoff);
            }
            return new CallResilience(this);
        }
    }
}
