package io.qlp.validation;

import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsulePaths;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ordinary project folder as capsule files, so {@code qlp validate PATH} can validate code QLP did not
 * generate, and guesses its language.
 *
 * <p>Example:
 * <pre>{@code
 * List<CapsuleFile> files = DirectoryFiles.read(Path.of("."));
 * ValidationTarget target = new ValidationTarget(files, DirectoryFiles.detectLanguage(files));
 * }</pre>
 */
public final class DirectoryFiles {

    /** Files larger than this are skipped. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    /** A folder with more readable files than this is refused. */
    public static final int MAX_FILES = 10_000;

    /** Folders of tools, skipped wherever they are. */
    private static final Set<String> TOOL_FOLDERS = Set.of(
            ".git", "node_modules", "__pycache__", ".gradle", ".idea", ".venv", ".pytest_cache");

    /** Folders build tools write their output to, skipped where a build puts them (see {@link #read(Path)}). */
    private static final Set<String> BUILD_OUTPUT_FOLDERS = Set.of("target", "build");

    /** Build files whose folder gets a build output folder beside them. */
    private static final List<String> BUILD_FILES = List.of("pom.xml", "build.gradle", "build.gradle.kts",
            "package.json", "pyproject.toml", "setup.py", "setup.cfg");

    private DirectoryFiles() {
    }

    /**
     * The text files under {@code folder}, sorted by path, with paths relative to it using {@code /}. Tool folders
     * ({@code .git}, {@code node_modules}, {@code __pycache__} and similar), build output, files over
     * {@link #MAX_FILE_BYTES}, binary files and symbolic links are skipped. Build output is a {@code target} or
     * {@code build} folder at the root or beside a build file ({@code pom.xml}, {@code build.gradle},
     * {@code package.json}, {@code pyproject.toml}, ...); deeper down such a folder is source, such as the Java
     * package {@code com.acme.build}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when {@code folder} is not a readable
     *     folder or holds more than {@link #MAX_FILES} files
     */
    public static List<CapsuleFile> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST,
                    "'" + folder + "' is not a folder", Map.of("path", folder.toString()));
        }
        Path root = folder.toAbsolutePath().normalize();
        List<CapsuleFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && isSkipped(root, dir) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && attrs.size() <= MAX_FILE_BYTES) {
                        readText(root, file).ifPresent(files::add);
                        if (files.size() > MAX_FILES) {
                            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "'" + folder
                                    + "' has more than " + MAX_FILES + " files; point at a single project",
                                    Map.of("path", folder.toString()));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) {
                    // An unreadable file is not part of the project as far as validation can tell.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read '" + folder + "': " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(CapsuleFile::path));
        return List.copyOf(files);
    }

    /**
     * The language of a project: Java when a {@code pom.xml} or Gradle build sits at the root next to Java sources,
     * otherwise the language with the most source files, ties broken by its marker file
     * ({@code pyproject.toml}, {@code package.json}, ...).
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when no source file is recognized
     */
    public static Language detectLanguage(List<CapsuleFile> files) {
        Map<Language, Integer> counts = new EnumMap<>(Language.class);
        for (CapsuleFile file : files) {
            languageOf(file.path()).ifPresent(language -> counts.merge(language, 1, Integer::sum));
        }
        if (counts.isEmpty()) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "no Java, Python or JavaScript source"
                    + " file found among " + files.size() + " files", Map.of("files", files.size()));
        }
        if (counts.containsKey(Language.JAVA) && hasRootFile(files, "pom.xml", "build.gradle", "build.gradle.kts")) {
            return Language.JAVA;
        }
        return counts.keySet().stream()
                .max(Comparator.<Language>comparingInt(counts::get)
                        .thenComparing(language -> hasMarker(files, language))
                        .thenComparing(Comparator.<Language>naturalOrder().reversed()))
                .orElseThrow();
    }

    private static Optional<Language> languageOf(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (Language language : Language.values()) {
            if (language.extensions().stream().anyMatch(lower::endsWith)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    private static boolean isSkipped(Path root, Path dir) {
        String name = dir.getFileName().toString();
        if (TOOL_FOLDERS.contains(name)) {
            return true;
        }
        Path parent = dir.getParent();
        return BUILD_OUTPUT_FOLDERS.contains(name)
                && (parent.equals(root) || BUILD_FILES.stream().anyMatch(f -> Files.isRegularFile(parent.resolve(f))));
    }

    private static boolean hasMarker(List<CapsuleFile> files, Language language) {
        return switch (language) {
            case JAVA -> hasRootFile(files, "pom.xml", "build.gradle", "build.gradle.kts");
            case PYTHON -> hasRootFile(files, "pyproject.toml", "setup.py", "requirements.txt");
            case JAVASCRIPT -> hasRootFile(files, "package.json");
        };
    }

    private static boolean hasRootFile(List<CapsuleFile> files, String... names) {
        return files.stream().anyMatch(f -> List.of(names).contains(f.path()));
    }

    private static Optional<CapsuleFile> readText(Path root, Path file) throws IOException {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (!CapsulePaths.isSafe(relative)) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(CapsuleFile.of(relative, text));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
