package io.qlp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.testing.LoopbackOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store commands as a user runs them, each in a fresh in-process run of {@code qlp} (so nothing but the store
 * carries over between commands): generate, list, show, version, diff, export, verify.
 */
abstract class AbstractStoreCommandsTest {

    @TempDir
    Path workspace;
    LoopbackOpenAiServer server;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    /** The {@code qlp.store} and {@code qlp.data-dir} lines of the config file, indented by two spaces. */
    protected abstract String storeYaml();

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Path config(String extra) throws IOException {
        return Files.writeString(workspace.resolve("qlp.yaml"), """
                qlp:
                  tiers:
                    t0: {provider: openai, base-url: %s, api-key: x, model: small, max-retries: 0}
                  memory: {enabled: false}
                %s
                %s
                """.formatted(server.baseUrl(), storeYaml(), extra));
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return QlpCli.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    String generate(Path config) throws IOException {
        server.enqueueCompletion(GenerateCommandTest.FIXED, 100, 50);
        int code = run("generate", "A greeter, with tests", "--out", workspace.resolve("gen").toString(),
                "--config", config.toString(), "--json");
        assertThat(code).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString()).path("id").asText();
    }

    @Test
    void should_list_show_version_diff_and_export_a_generated_capsule_across_runs() throws Exception {
        Path config = config("");
        String id = generate(config);

        assertThat(run("list", "--json", "--config", config.toString())).as(err.toString()).isZero();
        JsonNode listed = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.path("status").asText()).isEqualTo("VALIDATED");
        assertThat(listed.path("language").asText()).isEqualTo("java");
        assertThat(listed.path("created").asText()).isNotBlank();
        assertThat(run("list", "--config", config.toString(), "--text", "no such capsule")).isZero();
        assertThat(out.toString()).contains("no capsules");

        Path changes = Files.writeString(workspace.resolve("changes.json"), """
                {"changes": [
                  {"op": "modify", "path": "src/main/java/demo/Greeter.java",
                   "content": "package demo;\\n\\npublic final class Greeter {\\n    public static String greet(String name) { return \\"Hello, \\" + name; }\\n    public static String shout(String name) { return greet(name).toUpperCase(); }\\n}\\n"},
                  {"op": "create", "path": "README.md", "content": "# Greeter\\n"}]}
                """);
        assertThat(run("version", id, "--changes", changes.toString(), "--message", "add shout",
                "--author", "ada", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("version 2 of capsule " + id + " (parent 1): VALIDATED");

        assertThat(run("show", id, "--json", "--config", config.toString())).as(err.toString()).isZero();
        JsonNode shown = new ObjectMapper().readTree(out.toString());
        assertThat(shown.path("version").asInt()).isEqualTo(2);
        assertThat(shown.path("history")).hasSize(2);
        assertThat(shown.path("history").get(1).path("author").asText()).isEqualTo("ada");
        assertThat(shown.path("files").toString()).contains("README.md");
        assertThat(run("show", id, "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("version   2 of 2", "v2 <- v1", "ada: add shout");

        assertThat(run("diff", id, "1", "2", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("--- /dev/null", "+++ b/README.md (version 2)", "+# Greeter",
                "--- a/src/main/java/demo/Greeter.java (version 1)", "+    public static String shout(String name)");

        Path project = workspace.resolve("project");
        assertThat(run("export", id, "--format", "directory", "--out", project.toString(),
                "--config", config.toString())).as(err.toString()).isZero();
        assertThat(project.resolve("pom.xml")).content().contains("junit-jupiter");
        assertThat(project.resolve("README.md")).hasContent("# Greeter");
        Path tar = workspace.resolve("v1.tar.gz");
        assertThat(run("export", id, "--format", "tar.gz", "--version", "1", "--out", tar.toString(),
                "--config", config.toString())).as(err.toString()).isZero();
        assertThat(run("verify", tar.toString(), "--config", config.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).startsWith("OK ").contains("2 file(s) match the manifest; not signed");
    }

    @Test
    void should_sign_exports_and_catch_a_tampered_archive_with_verify() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = Files.writeString(workspace.resolve("ed25519.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path publicKey = Files.writeString(workspace.resolve("ed25519.pub.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Path config = config("""
                  export:
                    signing: {algorithm: ed25519, key-id: release, private-key-file: %s, public-key-file: %s}
                """.formatted(privateKey, publicKey));
        String id = generate(config);
        Path zip = workspace.resolve("signed.zip");

        assertThat(run("export", id, "--format", "zip", "--out", zip.toString(), "--config", config.toString()))
                .as(err.toString()).isZero();
        assertThat(run("verify", zip.toString(), "--config", config.toString())).as(out.toString()).isZero();
        assertThat(out.toString()).contains("signature valid (key 'release')");

        Path tampered = rewrite(zip, "src/main/java/demo/Greeter.java", "package demo; class Greeter {}\n");
        assertThat(run("verify", tampered.toString(), "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(out.toString()).startsWith("FAILED ").contains("[archive_invalid]")
                .contains("src/main/java/demo/Greeter.java has SHA-256");

        Path slipped = rewrite(zip, "../outside.txt", "pwned");
        assertThat(run("verify", slipped.toString(), "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("[unsafe_path]");
    }

    @Test
    void should_name_the_error_code_when_the_capsule_or_version_is_unknown() throws Exception {
        Path config = config("");

        assertThat(run("show", "nobody", "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("[capsule_not_found]");
        String id = generate(config);
        assertThat(run("diff", id, "1", "5", "--config", config.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("[version_not_found]");
        Path changes = Files.writeString(workspace.resolve("stale.json"),
                "{\"baseVersion\": 3, \"changes\": [{\"op\": \"delete\", \"path\": \"nothing.txt\"}]}");
        assertThat(run("version", id, "--changes", changes.toString(), "-m", "x", "--config", config.toString()))
                .isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("[version_not_found]");
    }

    /** A copy of the zip with {@code name} replaced or added. */
    private Path rewrite(Path zip, String name, String content) throws IOException {
        Path copy = workspace.resolve("copy-" + Math.abs(name.hashCode()) + ".zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream outZip = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                outZip.putNextEntry(new ZipEntry(entry.getName()));
                outZip.write(entry.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : bytes);
                outZip.closeEntry();
            }
            if (List.of(name).stream().noneMatch(n -> n.startsWith("src/"))) {
                outZip.putNextEntry(new ZipEntry(name));
                outZip.write(content.getBytes(StandardCharsets.UTF_8));
                outZip.closeEntry();
            }
        }
        return copy;
    }
}
