package io.qlp.core.orchestration;

import java.util.Objects;

/**
 * One message of a model conversation, in a form workflows can record.
 *
 * <p>Example: {@code List<Turn> conversation = List.of(Turn.system(systemPrompt), Turn.user(requestPrompt));}
 *
 * @param role who speaks
 * @param text what is said
 */
public record Turn(Role role, String text) {

    /** Who speaks. */
    public enum Role {
        /** Instructions. */
        SYSTEM,
        /** The user, or QLP on the user's behalf. */
        USER,
        /** The model. */
        ASSISTANT
    }

    /** Rejects nulls. */
    public Turn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }

    /** A system message. */
    public static Turn system(String text) {
        return new Turn(Role.SYSTEM, text);
    }

    /** A user message. */
    public static Turn user(String text) {
        return new Turn(Role.USER, text);
    }

    /** A model answer. */
    public static Turn assistant(String text) {
        return new Turn(Role.ASSISTANT, text);
    }
}
