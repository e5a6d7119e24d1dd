package io.qlp.api;

/**
 * Steps of the generation pipeline, in the order they run. Named in progress events and error contexts.
 *
 * <p>Example: {@code new ErrorContext(Tier.T0, Stage.GENERATE, capsuleId)}
 */
public enum Stage {
    /** Choosing the tier. */
    ROUTE,
    /** Building the prompt, including memory hits. */
    PROMPT,
    /** Calling the tier's chat model. */
    GENERATE,
    /** Reading files out of the model's answer. */
    PARSE,
    /** Running the validators. */
    VALIDATE,
    /** Building a repair prompt from the findings. */
    REPAIR,
    /** Saving the capsule. */
    STORE,
    /** Writing an archive. */
    EXPORT,
    /** The capsule is finished, validated or not. */
    DONE
}
