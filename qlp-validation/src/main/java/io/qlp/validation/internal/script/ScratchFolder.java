package io.qlp.validation.internal.script;

import io.qlp.api.CapsuleFile;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.RetriableQlpException;
import io.qlp.api.Stage;
import io.qlp.validation.internal.Folders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A private temporary folder for one validation run: the capsule's files are written into its {@code capsule}
 * sub-folder, where the sandboxed tools run, and reports and helper files go into a sibling {@code run} folder, so
 * they are not part of what the tools collect. Closing it removes everything, including files the code under test
 * made read-only.
 *
 * <p>Example:
 * <pre>{@code
 * try (ScratchFolder scratch = ScratchFolder.create("qlp-python-", target.files())) {
 *     sandbox.run(new SandboxRequest(command, scratch.capsule(), timeout, limits, Map.of()));
 * }
 * }</pre>
 */
public final class ScratchFolder implements AutoCloseable {

    private final Path root;
    private final Path capsule;
    private final Path run;

    private ScratchFolder(Path root) throws IOException {
        this.root = root;
        this.capsule = Files.createDirectory(root.resolve("capsule"));
        this.run = Files.createDirectory(root.resolve("run"));
    }

    /**
     * Creates the folder in the system temp folder and writes {@code files} into its capsule folder.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the disk refuses
     */
    public static ScratchFolder create(String prefix, List<CapsuleFile> files) {
        Path root = null;
        try {
            // Real path: tools print resolved paths in their reports, which are mapped back through this one.
            root = Files.createTempDirectory(prefix).toRealPath();
            ScratchFolder scratch = new ScratchFolder(root);
            for (CapsuleFile file : files) {
                scratch.write(file);
            }
            return scratch;
        } catch (IOException e) {
            if (root != null) {
                deleteQuietly(root);
            }
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not write the capsule to a"
                    + " temporary folder: " + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE),
                    Map.of(), e);
        }
    }

    /**
     * Creates an empty folder in the system temp folder, for a process started before its capsule is known; the
     * capsule comes later through {@link #write(List)}.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the disk refuses
     */
    public static ScratchFolder createEmpty(String prefix) {
        return create(prefix, List.of());
    }

    /**
     * Writes {@code files} into the capsule folder.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the disk refuses
     */
    public void write(List<CapsuleFile> files) {
        try {
            for (CapsuleFile file : files) {
                write(file);
            }
        } catch (IOException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not write the capsule to a"
                    + " temporary folder: " + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE),
                    Map.of(), e);
        }
    }

    /** The folder holding the capsule's files; the tools run here. */
    public Path capsule() {
        return capsule;
    }

    /** A path for a report or helper file outside the capsule folder. */
    public Path runFile(String name) {
        return run.resolve(name);
    }

    /** The capsule-relative path, with {@code /}, of {@code file} when it lies inside the capsule folder. */
    public Optional<String> relativeToCapsule(Path file) {
        Path normalized = file.normalize();
        if (!normalized.startsWith(capsule) || normalized.equals(capsule)) {
            return Optional.empty();
        }
        return Optional.of(capsule.relativize(normalized).toString().replace('\\', '/'));
    }

    /**
     * Gives the whole folder, with everything in it, to {@code uid} (and group {@code uid}), never following links, so
     * a sandboxed process running as that user can work in it.
     *
     * @throws RetriableQlpException with {@link ErrorCode#VALIDATION_INFRASTRUCTURE} when the owner cannot be changed
     */
    public void handOver(int uid) {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new RetriableQlpException(ErrorCode.VALIDATION_INFRASTRUCTURE, "could not hand the capsule's folder to"
                    + " the sandbox user " + uid + ": " + e.getMessage(), ErrorContext.empty().withStage(Stage.VALIDATE),
                    Map.of(), e);
        }
    }

    /**
     * The last {@code maxBytes} bytes of run file {@code name} as UTF-8 text, or empty text when the file does not
     * exist; reads only that tail, however large the file grew.
     */
    public String tailOfRunFile(String name, int maxBytes) {
        Path file = runFile(name);
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            long from = Math.max(0, size - maxBytes);
            channel.position(from);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // Reads until the buffer is full or the file ends.
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(could not read " + name + ": " + e.getMessage() + ")";
        }
    }

    private void write(CapsuleFile file) throws IOException {
        Path target = capsule.resolve(file.path()).normalize();
        // CapsuleFile paths are already checked; this guards against a future change of that rule.
        if (!target.startsWith(capsule) || target.equals(capsule)) {
            throw new IOException("path '" + file.path() + "' leaves the capsule folder");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.content(), StandardCharsets.UTF_8);
    }

    /** Removes the whole folder; failures are ignored because the folder is in the system temp folder. */
    @Override
    public void close() {
        deleteQuietly(root);
    }

    private static void deleteQuietly(Path folder) {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException e) {
            // Left in the system temp folder; nothing refers to it any more.
        }
    }
}
