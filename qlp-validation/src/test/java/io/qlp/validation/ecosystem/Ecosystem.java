package io.qlp.validation.ecosystem;

import io.qlp.api.Language;

/**
 * A language's test ecosystem: the folder of its cases under {@code src/test/resources/ecosystem} and the command
 * its projects are tested with.
 *
 * <p>Example: {@code Ecosystem.PYTHON.folder()} is {@code "python"}.
 */
enum Ecosystem {

    /** Maven with JUnit Jupiter: {@code mvn test}. */
    JAVA(Language.JAVA, "java", "mvn -o test"),
    /** pytest: {@code python3 -m pytest -q}. */
    PYTHON(Language.PYTHON, "python", "python3 -m pytest -q"),
    /** Node's built-in runner: {@code node --test}. */
    JAVASCRIPT(Language.JAVASCRIPT, "javascript", "node --test");

    private final Language language;
    private final String folder;
    private final String command;

    Ecosystem(Language language, String folder, String command) {
        this.language = language;
        this.folder = folder;
        this.command = command;
    }

    /** The language {@code qlp validate} should detect for the ecosystem's folders. */
    Language language() {
        return language;
    }

    /** The folder of the ecosystem's cases. */
    String folder() {
        return folder;
    }

    /** The ecosystem's own test command, as a person would type it. */
    String command() {
        return command;
    }
}
