package io.qlp.validation.internal.python;

import io.qlp.api.Finding;
import java.util.List;

/**
 * What a {@link PythonZygote} answered for one capsule.
 *
 * <p>Example: {@code if (outcome instanceof ZygoteOutcome.Ran ran && ran.strays() == 0) pool.giveBack(zygote, true);}
 */
public sealed interface ZygoteOutcome {

    /**
     * The syntax check did not finish within its limit; the zygote must be replaced.
     *
     * <p>Example: {@code new ZygoteOutcome.SyntaxTimedOut()}
     */
    record SyntaxTimedOut() implements ZygoteOutcome {
    }

    /**
     * The syntax check finished, but pytest did not within the test timeout; the zygote must be replaced.
     *
     * <p>Example: {@code new ZygoteOutcome.TestTimedOut(12)}
     *
     * @param syntaxMillis how long the syntax check took
     */
    record TestTimedOut(long syntaxMillis) implements ZygoteOutcome {
    }

    /**
     * The capsule's process ended.
     *
     * <p>Example: {@code new ZygoteOutcome.Ran(List.of(), true, 12, 0, 0, 80)}
     *
     * @param syntaxFindings the syntax errors found; pytest ran only when there were none
     * @param syntaxCompleted whether the syntax check got through every file (false when the process died in it)
     * @param syntaxMillis how long the syntax check took
     * @param exitCode the process's exit status, 128 + the signal when a signal killed it
     * @param strays processes the capsule left behind, which the zygote killed
     * @param testMillis how long pytest took, 0 when it did not run
     */
    record Ran(List<Finding> syntaxFindings, boolean syntaxCompleted, long syntaxMillis, int exitCode, int strays,
               long testMillis) implements ZygoteOutcome {

        /** Copies the findings. */
        public Ran {
            syntaxFindings = List.copyOf(syntaxFindings);
        }
    }

    /**
     * The zygote ended or failed before it answered; the capsule's verdict must come from elsewhere.
     *
     * <p>Example: {@code new ZygoteOutcome.Failed("the zygote's output ended; stderr: ...")}
     *
     * @param why what happened
     */
    record Failed(String why) implements ZygoteOutcome {
    }
}
