package io.qlp.validation.internal;

import io.qlp.api.ErrorCode;
import io.qlp.api.RetriableQlpException;
import io.qlp.validation.internal.worker.CapsuleWorker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The files a sandboxed test JVM needs, staged once per host JVM in a folder every user may read but only root may
 * change: the JUnit console-standalone jar, a jar of the warm worker's classes, folders for capsule jars and
 * worker folders, and copies of Maven capsules' dependency jars ({@code maven-jars}). The sandbox user cannot read the originals when they sit under root's home ({@code ~/.m2}). The
 * folder is removed when the JVM exits.
 *
 * <p>Example: {@code Path junit = WorkerRuntime.shared().junitJar();}
 *
 * @param root the staging folder
 * @param junitJar the staged {@code junit-platform-console-standalone} jar
 * @param workerJar the jar holding {@link CapsuleWorker} and its helpers
 */
public record WorkerRuntime(Path root, Path junitJar, Path workerJar) {

    /** The classes of the worker program; the worker runs with nothing else but JUnit and the JDK. */
    private static final List<String> WORKER_CLASSES = List.of(
            "io.qlp.validation.internal.worker.CapsuleWorker",
            "io.qlp.validation.internal.worker.CapsuleWorker$Snapshot",
            "io.qlp.validation.internal.worker.ProjectArchive",
            "io.qlp.validation.internal.worker.VerdictListener",
            "io.qlp.validation.internal.worker.VerdictListener$1",
            "io.qlp.validation.internal.worker.VerdictListener$Failure",
            "io.qlp.validation.internal.worker.WarmUpTest",
            "io.qlp.validation.internal.worker.WorkerProtocol");

    /** The runtime of this JVM, staged on first use. */
    public static WorkerRuntime shared() {
        return Shared.VALUE;
    }

    /** A new, empty folder for capsule jars' and workers' files, readable and enterable by any user. */
    public Path newFolder(String prefix) throws IOException {
        Path folder = Files.createDirectory(root.resolve(prefix + "-" + UUID.randomUUID()));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        return folder;
    }

    private static WorkerRuntime stage() {
        try {
            Path root = Files.createTempDirectory("qlp-test-jvm-");
            // Others may enter and read named files, but not list or change them.
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root), "qlp-runtime-cleanup"));
            Path junit = root.resolve("junit-platform-console-standalone.jar");
            Files.copy(JUnitJars.launcherJar(), junit, StandardCopyOption.REPLACE_EXISTING);
            Path worker = root.resolve("qlp-worker.jar");
            writeWorkerJar(worker);
            for (Path jar : List.of(junit, worker)) {
                Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("r--r--r--"));
            }
            return new WorkerRuntime(root, junit, worker);
        } catch (IOException e) {
            throw new UncheckedIOException("could not stage the test JVM's jars: " + e.getMessage(), e);
        }
    }

    private static void writeWorkerJar(Path jar) throws IOException {
        ClassLoader loader = CapsuleWorker.class.getClassLoader();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : WORKER_CLASSES) {
                String entry = name.replace('.', '/') + ".class";
                try (InputStream in = loader.getResourceAsStream(entry)) {
                    if (in == null) {
                        if (name.endsWith("$1")) {
                            continue;  // only present when the compiler needed a switch map
                        }
                        throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE,
                                "the worker class " + name + " is missing from QLP's class path");
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // A folder in the system temp folder; the OS cleans it eventually.
        }
    }

    private static final class Shared {
        static final WorkerRuntime VALUE = stage();
    }
}
