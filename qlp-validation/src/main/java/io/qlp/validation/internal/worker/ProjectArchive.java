package io.qlp.validation.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A capsule's project files in one zip file, which the host writes and a warm worker unpacks into its working folder
 * before it runs the capsule's tests: Maven runs tests in the project's folder, so tests read fixtures by paths such
 * as {@code src/test/resources/orders.csv}. The worker unpacks as the sandbox's user, into its own folder, and empties
 * that folder after the capsule as it always does. Uses the JDK only, as the worker does.
 *
 * <p>Example: {@code ProjectArchive.write(zip, Map.of("src/test/resources/a.txt", "a"));}
 */
public final class ProjectArchive {

    private ProjectArchive() {
    }

    /** Writes {@code files} (relative path with {@code /} to UTF-8 text) into a new zip file at {@code zip}. */
    public static void write(Path zip, Map<String, String> files) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip, StandardOpenOption.CREATE_NEW);
             ZipOutputStream out = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> entry : files.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    /**
     * Unpacks {@code zip} into {@code folder}, creating new files only; an entry named {@code reserved} at the top
     * is skipped, so a project file cannot stand in for the worker's own marker.
     *
     * @throws IOException when an entry would leave {@code folder}, a file exists already, or the disk refuses
     */
    public static void extract(Path zip, Path folder, String reserved) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(zip);
             ZipInputStream in = new ZipInputStream(file, StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("project file '" + entry.getName() + "' would leave " + root);
                }
                if (entry.isDirectory() || target.equals(root.resolve(reserved))) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(out);
                }
            }
        }
    }
}
