package io.qlp.validation;

import io.qlp.validation.internal.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * Files of the host's user that capsule code must not touch, for tests that run as root: a secret readable only by
 * its owner (mode 0600, in a fresh 0700 folder, as {@code ~/.ssh} keeps keys) and a folder others may read but not
 * write (mode 0755). Reached by absolute path, so only the user the code runs as keeps it out.
 *
 * <p>Example: {@code try (RootOnlyFiles files = RootOnlyFiles.create()) { ... files.secretFile() ... }}
 */
final class RootOnlyFiles implements AutoCloseable {

    private final Path secretFolder;
    private final Path secretFile;
    private final String secret;
    private final Path readOnlyFolder;

    private RootOnlyFiles(Path secretFolder, Path secretFile, String secret, Path readOnlyFolder) {
        this.secretFolder = secretFolder;
        this.secretFile = secretFile;
        this.secret = secret;
        this.readOnlyFolder = readOnlyFolder;
    }

    /** Creates both in the system temp folder, owned by the user running the tests. */
    static RootOnlyFiles create() throws IOException {
        Path secretFolder = Files.createTempDirectory("qlp-secret-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String secret = "qlp-secret-" + UUID.randomUUID();
        Path secretFile = Files.createFile(secretFolder.resolve("id_ed25519"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, secret);
        Path readOnlyFolder = Files.createTempDirectory("qlp-host-folder-");
        Files.setPosixFilePermissions(readOnlyFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new RootOnlyFiles(secretFolder, secretFile, secret, readOnlyFolder);
    }

    /** The absolute path of the secret file. */
    Path secretFile() {
        return secretFile;
    }

    /** The secret's content, to look for in reports. */
    String secret() {
        return secret;
    }

    /** A folder of the host's user that everyone may read and only that user may write. */
    Path readOnlyFolder() {
        return readOnlyFolder;
    }

    @Override
    public void close() throws IOException {
        Folders.deleteRecursively(secretFolder);
        Folders.deleteRecursively(readOnlyFolder);
    }
}
