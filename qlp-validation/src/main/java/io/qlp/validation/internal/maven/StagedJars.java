package io.qlp.validation.internal.maven;

import io.qlp.validation.internal.WorkerRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies dependency jars out of the local repository into a content-addressed folder of the
 * {@link WorkerRuntime}, as read-only files the sandbox user may read by name: it cannot read the local repository
 * under root's home, and must not see the rest of it. Each distinct jar is copied once per host JVM. Thread-safe.
 *
 * <p>Example: {@code Path readable = StagedJars.in(WorkerRuntime.shared().root()).stage(localJar);}
 *
 * @param folder the folder of the staged jars, which the sandbox user may enter but not list
 */
record StagedJars(Path folder) {

    /** The staging folder under {@code runtimeRoot}, created when missing. */
    static StagedJars in(Path runtimeRoot) throws IOException {
        Path folder = runtimeRoot.resolve("maven-jars");
        try {
            Files.createDirectory(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (FileAlreadyExistsException e) {
            // Staged by an earlier resolution.
        }
        return new StagedJars(folder);
    }

    /** The staged copy of {@code jar}, named by the SHA-256 of its content and its own file name. */
    Path stage(Path jar) throws IOException {
        String name = sha256(jar) + "-" + jar.getFileName();
        Path staged = folder.resolve(name);
        if (Files.isRegularFile(staged)) {
            return staged;
        }
        // Copied under a unique name, then moved into place, so no reader ever sees half a jar.
        Path partial = Files.createTempFile(folder, ".partial-", ".jar");
        try {
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r--r--r--"));
            Files.move(partial, staged, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return staged;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
