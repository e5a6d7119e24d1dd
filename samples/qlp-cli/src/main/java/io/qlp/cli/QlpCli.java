package io.qlp.cli;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qlp} command.
 *
 * <p>Example: {@code java -jar qlp.jar generate "A stack of ints, with tests" --language java --out out --json}
 */
@Command(name = "qlp", mixinStandardHelpOptions = true, versionProvider = QlpCli.Version.class,
        description = "Turns requests in plain language into validated capsules: code, tests, docs and a manifest.",
        subcommands = {GenerateCommand.class, ValidateCommand.class, MemoryCommand.class, ListCommand.class, ShowCommand.class, VersionCommand.class, DiffCommand.class, ExportCommand.class, VerifyCommand.class, KeysCommand.class, WorkerCommand.class, StatusCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:validated", "1:error (the message names the error code)", "2:usage error: bad arguments, invalid request or configuration, no model configured",
            "3:validation still failing after the last attempt"})
public final class QlpCli {

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command with the given environment and streams, returning the exit code; used by tests. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new QlpCli(), new Factory(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof QlpException qlp) {
                cmd.getErr().println("error " + qlp.getMessage());
                boolean usage = qlp.errorCode() == ErrorCode.CONFIGURATION || qlp.errorCode() == ErrorCode.INVALID_REQUEST;
                return usage ? ExitCodes.USAGE : ExitCodes.ERROR;
            }
            cmd.getErr().println("error [internal]: " + e);
            return ExitCodes.ERROR;
        });
        return commandLine.execute(args);
    }

    /**
     * Hands the environment to every command and mixin that takes one in a {@code (Map)} constructor, so tests need
     * not touch the real one.
     */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> withEnvironment;
            try {
                withEnvironment = type.getDeclaredConstructor(Map.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
            withEnvironment.setAccessible(true);
            return withEnvironment.newInstance(environment);
        }
    }

    /** Prints the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {io.qlp.core.CapsuleGenerator.version()};
        }
    }
}
