package io.qlp.validation.humaneval;

/**
 * A changed copy of a canonical solution body.
 *
 * <p>Example: {@code mutant.id()} is {@code Python/0 comparison@4:29 '<' -> '>='}.
 *
 * @param problem the problem it belongs to
 * @param operator what was changed
 * @param line 1-based line of the change in the body
 * @param column 1-based column of the change
 * @param from the original text
 * @param to the replacement
 * @param body the mutated body
 */
record Mutant(HumanEvalProblem problem, Operator operator, int line, int column, String from, String to,
              String body) {

    /** The kinds of change. */
    enum Operator {
        /** A comparison replaced by its negation: {@code <} by {@code >=}, {@code ==} by {@code !=}. */
        COMPARISON,
        /** An integer literal increased by one. */
        OFF_BY_ONE,
        /** A boolean literal replaced by the other. */
        BOOLEAN,
        /** A {@code +} (or {@code +=}) replaced by {@code -}. */
        SIGN
    }

    /** A readable unique id. */
    String id() {
        return problem.taskId() + " " + operator.name().toLowerCase() + "@" + line + ":" + column + " '" + from
                + "' -> '" + to + "'";
    }
}
