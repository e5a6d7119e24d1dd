package io.qlp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code qlp keys}: API key helpers for the sample server, which stores keys only as SHA-256 hashes.
 *
 * <p>Example: {@code qlp keys hash "$KEY" --tenant acme} prints {@code - {tenant: acme, sha256: 9f86…}} for
 * {@code qlp.server.api-keys}.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "API key helpers for the sample server (qlp.server.api-keys).",
        subcommands = {KeysCommand.Hash.class, CommandLine.HelpCommand.class})
public final class KeysCommand implements Callable<Integer> {

    @Spec
    private @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** {@code qlp keys hash KEY}: the hex SHA-256 of the key's UTF-8 bytes. */
    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = {"Prints the hex SHA-256 of KEY, the value for qlp.server.api-keys[].sha256.",
                "Without KEY, reads the key from the first line of standard input (keeps it out of shell history)."})
    static final class Hash implements Callable<Integer> {

        @Spec
        private @Nullable CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "The API key.")
        private @Nullable String key;

        @Option(names = "--tenant", paramLabel = "NAME",
                description = "Print a YAML list entry {tenant: NAME, sha256: HASH} instead of the bare hash.")
        private @Nullable String tenant;

        @Override
        public Integer call() throws IOException {
            if (spec == null) {
                throw new IllegalStateException("picocli did not inject the command spec");
            }
            String value = key != null ? key : new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)).readLine();
            if (value == null || value.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give KEY or send it on standard input");
            }
            String hash = sha256Hex(value);
            PrintWriter out = spec.commandLine().getOut();
            out.println(tenant == null ? hash : "- {tenant: " + tenant + ", sha256: " + hash + "}");
            out.flush();
            return ExitCodes.OK;
        }

        static String sha256Hex(String key) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(key.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
