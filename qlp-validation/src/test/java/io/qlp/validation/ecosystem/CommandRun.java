package io.qlp.validation.ecosystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a host command in a folder, with its output in a file beside the folder, and a wall-clock limit after
 * which the command and everything it started are killed.
 *
 * <p>Example: {@code CommandRun run = CommandRun.in(folder, List.of("node", "--test"), Duration.ofMinutes(2));}
 *
 * @param exitCode the command's exit code
 * @param output what it printed, stdout and stderr merged
 */
record CommandRun(int exitCode, String output) {

    /** Variables of the calling build that would change how the ecosystems' commands behave. */
    private static final List<String> FOREIGN_VARIABLES = List.of("PYTEST_ADDOPTS", "PYTHONPATH", "NODE_OPTIONS",
            "NODE_TEST_CONTEXT", "MAVEN_ARGS", "MAVEN_BASEDIR", "MAVEN_OPTS");

    /**
     * Runs {@code command} in {@code folder} with the environment of this JVM, minus {@link #FOREIGN_VARIABLES},
     * plus {@code extraEnvironment}.
     *
     * @throws IllegalStateException when it does not end within {@code limit}
     */
    static CommandRun in(Path folder, List<String> command, Map<String, String> extraEnvironment, Duration limit)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(folder.getParent(), folder.getFileName() + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        FOREIGN_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit + " in "
                    + folder + "; output: " + tail(Files.readString(output, StandardCharsets.UTF_8), 2000));
        }
        return new CommandRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The verdict of a command whose exit code alone says whether the folder passed. */
    RunVerdict verdict() {
        return new RunVerdict(exitCode == 0, "exit " + exitCode + ": " + tail(output, 1500));
    }

    static String tail(String text, int characters) {
        String stripped = text.strip();
        return stripped.length() <= characters ? stripped : "..." + stripped.substring(stripped.length() - characters);
    }
}
