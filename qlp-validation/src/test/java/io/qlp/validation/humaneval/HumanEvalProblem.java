package io.qlp.validation.humaneval;

/**
 * One HumanEval-X problem: the prompt (signature and docstring), the canonical body completing it, and the test
 * program of the reference harness.
 *
 * <p>Example: {@code problem.prompt() + problem.canonicalSolution()} is the complete solution.
 *
 * @param taskId such as {@code Python/0}
 * @param language its language
 * @param prompt the signature and docstring
 * @param canonicalSolution the body that completes the prompt
 * @param test the test program
 * @param declaration the bare signature
 */
record HumanEvalProblem(String taskId, HumanEvalLanguage language, String prompt, String canonicalSolution,
                        String test, String declaration) {

    /** The number after the slash of the task id. */
    int number() {
        return Integer.parseInt(taskId.substring(taskId.indexOf('/') + 1));
    }

    /** A name usable in file and test names, such as {@code Python_0}. */
    String safeId() {
        return taskId.replace('/', '_');
    }
}
