package io.qlp.validation.humaneval;

import io.qlp.api.Language;

/**
 * The three HumanEval-X languages this suite uses, with their data file and the QLP language.
 *
 * <p>Example: {@code HumanEvalLanguage.PYTHON.dataFile()} is {@code humaneval_python.jsonl}.
 */
enum HumanEvalLanguage {
    JAVA("humaneval_java.jsonl", Language.JAVA, "Solution.java"),
    PYTHON("humaneval_python.jsonl", Language.PYTHON, "solution.py"),
    JAVASCRIPT("humaneval_js.jsonl", Language.JAVASCRIPT, "solution.js");

    private final String dataFile;
    private final Language language;
    private final String solutionFileName;

    HumanEvalLanguage(String dataFile, Language language, String solutionFileName) {
        this.dataFile = dataFile;
        this.language = language;
        this.solutionFileName = solutionFileName;
    }

    String dataFile() {
        return dataFile;
    }

    Language language() {
        return language;
    }

    /** The file name the solution's dialect is recognized by, for the lexer. */
    String solutionFileName() {
        return solutionFileName;
    }
}
