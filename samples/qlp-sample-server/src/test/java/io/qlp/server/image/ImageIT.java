package io.qlp.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image Jib wrote to {@code target/jib-image.tar} (profile {@code image}): its config, its files, and the image
 * run for real without a container engine. The layers are unpacked, in order, into a new temporary folder, which is
 * the root of a process in new mount and PID namespaces ({@code unshare --mount --pid --fork --kill-child}) with its
 * own {@code /proc} and the device nodes a runtime provides ({@code /dev/null}, {@code zero}, {@code random},
 * {@code urandom}, made with {@code mknod}; the host's {@code /dev} is never mounted), changed into with
 * {@code chroot} as the image's user 10001, with exactly the image's environment and entrypoint. Needs root, as a
 * container engine does.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "10001:10001";

    static JsonNode config;
    static Map<String, TarArchiveEntry> files;
    static Map<String, String> texts;
    static Path root;

    @BeforeAll
    static void readAndUnpack() throws IOException {
        Path tar = Path.of(System.getProperty("qlp.image.tar", "target/jib-image.tar"));
        assertThat(tar).as("run with -Pimage, which builds the image first").isRegularFile();
        // Running the image needs mount namespaces, mknod and chroot: say so plainly rather than fail obscurely.
        assertThat(new com.sun.security.auth.module.UnixSystem().getUid())
                .as("ImageIT runs the image in a chroot and must run as root (uid 0); CI and the test command do")
                .isZero();
        root = Files.createTempDirectory("qlp-image-root-");
        // A new temporary folder is private to root; the image's / must be open to its user.
        Files.setPosixFilePermissions(root, permissions(0755));
        files = new LinkedHashMap<>();
        texts = new LinkedHashMap<>();
        try (TarFile image = new TarFile(tar.toFile())) {
            Map<String, TarArchiveEntry> blobs = new LinkedHashMap<>();
            image.getEntries().forEach(entry -> blobs.put(entry.getName(), entry));
            JsonNode manifest = read(image, blobs.get("manifest.json")).get(0);
            config = read(image, blobs.get(manifest.path("Config").asText()));
            for (JsonNode layer : manifest.path("Layers")) {
                try (InputStream in = image.getInputStream(blobs.get(layer.asText()));
                     TarArchiveInputStream entries = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                    unpack(entries);
                }
            }
        }
        applyDirectoryModes();
    }

    @AfterAll
    static void deleteRoot() throws IOException {
        if (root == null || !root.getFileName().toString().startsWith("qlp-image-root-")) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void should_start_service_launcher_as_user_10001_when_config_is_read() {
        JsonNode container = config.path("config");
        assertThat(texts(container.path("Entrypoint"))).containsExactly("/opt/java/bin/java",
                "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file", "io.qlp.server.launch.ServiceLauncher");
        assertThat(container.path("User").asText()).isEqualTo(USER);
        assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(texts(container.path("Env"))).contains("SERVICE_NAME=server", "JAVA_HOME=/opt/java",
                "PATH=/opt/java/bin:/usr/bin:/bin", "QLP_DATA_DIR=/var/lib/qlp", "HOME=/var/lib/qlp");
        assertThat(container.path("Labels").path("org.opencontainers.image.title").asText())
                .isEqualTo("qlp-sample-server");
        assertThat(container.path("Labels").path("io.qlp.services").asText()).isEqualTo("server,worker,cli");
        assertThat(container.path("Labels").path("org.opencontainers.image.version").asText()).isNotBlank();
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    }

    @Test
    void should_hold_runtime_sandbox_tools_and_application_when_layers_are_read() {
        for (String executable : List.of("opt/java/bin/java", "opt/java/lib/jspawnhelper", "usr/bin/unshare",
                "usr/bin/setpriv", "usr/bin/prlimit", "usr/bin/true", "lib64/ld-linux-x86-64.so.2")) {
            assertThat(files).containsKey(executable);
            assertThat(files.get(executable).getMode() & 0777).as(executable).isEqualTo(0755);
        }
        assertThat(files.get("tmp/").getMode() & 0777).isEqualTo(0777);
        assertThat(files.get("var/lib/qlp/").getMode() & 0777).isEqualTo(0777);
        assertThat(files).containsKeys("etc/ssl/certs/ca-certificates.crt", "opt/java/lib/security/cacerts",
                "app/classes/io/qlp/server/launch/ServiceLauncher.class", "app/resources/application-worker.yml");
        assertThat(files.keySet()).anyMatch(name -> name.matches("app/libs/junit-platform-console-standalone-.*\\.jar"))
                .anyMatch(name -> name.matches("app/libs/qlp(-cli-.*)?\\.jar"));
        assertThat(texts.get("etc/passwd")).contains("qlp:x:10001:10001:");
        assertThat(texts.get("opt/java/release")).contains("jdk.compiler").contains("java.sql")
                .contains("jdk.unsupported");
        assertThat(texts.get("app/jib-classpath-file")).startsWith("/app/resources:/app/classes:/app/libs/");
    }

    @Test
    void should_print_the_key_hash_when_service_is_cli() throws Exception {
        Run run = run(Map.of("SERVICE_NAME", "cli"), null, List.of("keys", "hash", "x"), Duration.ofMinutes(2));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains(sha256("x"));
    }

    @Test
    void should_exit_2_naming_the_choices_when_service_is_unknown() throws Exception {
        Run run = run(Map.of("SERVICE_NAME", "scheduler"), null, List.of(), Duration.ofMinutes(2));

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("SERVICE_NAME must be one of server, worker, cli");
    }

    @Test
    void should_run_sandbox_tools_and_compiler_when_started_in_the_root() throws Exception {
        for (String tool : List.of("/usr/bin/unshare", "/usr/bin/setpriv", "/usr/bin/prlimit", "/usr/bin/true")) {
            Run run = run(Map.of(), List.of(tool), List.of("--version"), Duration.ofSeconds(30));
            assertThat(run.exit()).as(tool + ": " + run.output()).isZero();
            assertThat(run.output()).containsAnyOf("util-linux", "coreutils");
        }
        Run modules = run(Map.of(), List.of("/opt/java/bin/java"), List.of("--list-modules"), Duration.ofSeconds(60));
        assertThat(modules.exit()).as(modules.output()).isZero();
        assertThat(modules.output()).contains("jdk.compiler@", "java.net.http@");
    }

    @Test
    void should_answer_health_up_when_service_is_server() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("qlp-image-server-", ".log");
        Process process = start(Map.of("SERVER_PORT", String.valueOf(port)), null, List.of(), log);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            HttpResponse<String> response = null;
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    response = client.send(health, HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            String output = Files.readString(log);
            assertThat(response).as("no answer on port %d; the server printed:%n%s", port, output).isNotNull();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("UP");
            assertThat(output).contains("The following 1 profile is active: \"server\"");
        } finally {
            killTree(process);
            Files.deleteIfExists(log);
        }
    }

    record Run(int exit, String output) {
    }

    /** Runs the image's entrypoint, or {@code command} instead, with {@code args} and the image's environment. */
    static Run run(Map<String, String> environment, List<String> command, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("qlp-image-run-", ".log");
        try {
            Process process = start(environment, command, args, log);
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("still running after " + timeout + ":\n" + Files.readString(log));
                }
                return new Run(process.exitValue(), Files.readString(log));
            } finally {
                killTree(process);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static Process start(Map<String, String> environment, List<String> command, List<String> args, Path log)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of(tool("unshare"), "--mount", "--propagation", "private", "--pid",
                "--fork", "--kill-child", "--", "/bin/sh", "-c", """
                set -e
                root="$1"; user="$2"; mount="$3"; mknod="$4"; chroot="$5"; shift 5
                mkdir -p "$root/proc" "$root/dev"
                "$mount" -t proc proc "$root/proc"
                rm -f "$root/dev/null" "$root/dev/zero" "$root/dev/random" "$root/dev/urandom"
                "$mknod" -m 666 "$root/dev/null" c 1 3
                "$mknod" -m 666 "$root/dev/zero" c 1 5
                "$mknod" -m 666 "$root/dev/random" c 1 8
                "$mknod" -m 666 "$root/dev/urandom" c 1 9
                exec "$chroot" --userspec="$user" "$root" "$@"
                """, "sh", root.toString(), USER, tool("mount"), tool("mknod"), tool("chroot")));
        argv.addAll(command == null ? texts(config.path("config").path("Entrypoint")) : command);
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(root.toFile());
        builder.environment().clear();
        for (String variable : texts(config.path("config").path("Env"))) {
            int equals = variable.indexOf('=');
            builder.environment().put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Kills the process and everything it started, and waits for it. */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process %d ended", process.pid()).isTrue();
    }

    static String tool(String name) {
        return Stream.of("/usr/bin/", "/usr/sbin/", "/bin/", "/sbin/").map(folder -> Path.of(folder + name))
                .filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError(name + " is needed to run the image"));
    }

    private static JsonNode read(TarFile image, TarArchiveEntry entry) throws IOException {
        assertThat(entry).isNotNull();
        try (InputStream in = image.getInputStream(entry)) {
            return JSON.readTree(in);
        }
    }

    private static final Set<String> TEXTS = Set.of("etc/passwd", "opt/java/release", "app/jib-classpath-file");

    private static void unpack(TarArchiveInputStream entries) throws IOException {
        TarArchiveEntry entry;
        while ((entry = entries.getNextEntry()) != null) {
            String name = entry.getName().startsWith("/") ? entry.getName().substring(1) : entry.getName();
            files.put(name, entry);
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new AssertionError("layer entry outside the root: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            } else if (entry.isFile()) {
                Files.createDirectories(target.getParent());
                if (TEXTS.contains(name)) {
                    byte[] bytes = entries.readAllBytes();
                    texts.put(name, new String(bytes, StandardCharsets.UTF_8));
                    Files.write(target, bytes);
                } else {
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(target, permissions(entry.getMode()));
            } else {
                throw new AssertionError("unexpected layer entry " + entry.getName());
            }
        }
    }

    // After the files, so a read-only folder does not stop its own contents from being written.
    private static void applyDirectoryModes() throws IOException {
        for (Map.Entry<String, TarArchiveEntry> entry : files.entrySet()) {
            if (entry.getValue().isDirectory()) {
                Files.setPosixFilePermissions(root.resolve(entry.getKey()), permissions(entry.getValue().getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
