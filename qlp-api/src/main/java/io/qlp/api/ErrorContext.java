package io.qlp.api;

import org.jspecify.annotations.Nullable;

/**
 * Where an error happened: the tier, the pipeline stage and the capsule id, each optional.
 *
 * <p>Example: {@code ErrorContext.empty().withTier(Tier.T1).withStage(Stage.GENERATE)}
 *
 * @param tier the tier whose model was being called, if any
 * @param stage the pipeline stage, if known
 * @param capsuleId the capsule being generated, if one was assigned
 */
public record ErrorContext(@Nullable Tier tier, @Nullable Stage stage, @Nullable String capsuleId) {

    private static final ErrorContext EMPTY = new ErrorContext(null, null, null);

    /** A context that names nothing. */
    public static ErrorContext empty() {
        return EMPTY;
    }

    /** A copy naming the given tier. */
    public ErrorContext withTier(@Nullable Tier newTier) {
        return new ErrorContext(newTier, stage, capsuleId);
    }

    /** A copy naming the given stage. */
    public ErrorContext withStage(@Nullable Stage newStage) {
        return new ErrorContext(tier, newStage, capsuleId);
    }

    /** A copy naming the given capsule. */
    public ErrorContext withCapsuleId(@Nullable String newCapsuleId) {
        return new ErrorContext(tier, stage, newCapsuleId);
    }

    /** Fills the fields this context leaves empty from {@code outer}. */
    public ErrorContext orElse(ErrorContext outer) {
        return new ErrorContext(
                tier != null ? tier : outer.tier,
                stage != null ? stage : outer.stage,
                capsuleId != null ? capsuleId : outer.capsuleId);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (tier != null) text.append("tier=").append(tier);
        if (stage != null) text.append(text.length() > 0 ? ", " : "").append("stage=").append(stage);
        if (capsuleId != null) text.append(text.length() > 0 ? ", " : "").append("capsule=").append(capsuleId);
        return text.toString();
    }
}
