package io.qlp.validation.ecosystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus on disk ({@code src/test/resources/ecosystem}, copied to the test class path) and scratch copies of its
 * folders, because the ecosystems' commands write into the folder they test ({@code target/},
 * {@code .pytest_cache/}).
 *
 * <p>Example: {@code Path copy = folders.copyOf(ecosystemCase);}
 */
final class CaseFolders implements AutoCloseable {

    private final Path corpus;
    private final Path scratch;

    private CaseFolders(Path corpus, Path scratch) {
        this.corpus = corpus;
        this.scratch = scratch;
    }

    /** Finds the corpus on the class path and makes an empty scratch folder. */
    static CaseFolders open() throws IOException {
        URL root = CaseFolders.class.getResource("/ecosystem");
        if (root == null) {
            throw new IllegalStateException("the corpus /ecosystem is not on the test class path");
        }
        try {
            return new CaseFolders(Path.of(root.toURI()), Files.createTempDirectory("qlp-ecosystem-"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected class path URL " + root, e);
        }
    }

    /** The pristine folder of {@code ecosystemCase}, which nothing writes into. */
    Path original(EcosystemCase ecosystemCase) {
        return corpus.resolve(ecosystemCase.path());
    }

    /** The names of the case folders of {@code ecosystem} present on disk, sorted. */
    List<String> folderNames(Ecosystem ecosystem) throws IOException {
        try (Stream<Path> folders = Files.list(corpus.resolve(ecosystem.folder()))) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A fresh copy of the case's folder inside {@code parent} (relative to the scratch folder), named as the case. */
    Path copyOf(EcosystemCase ecosystemCase, String parent) throws IOException {
        Path source = original(ecosystemCase);
        Path target = scratch.resolve(parent).resolve(ecosystemCase.name());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** A folder inside the scratch folder, created when missing. */
    Path scratchFolder(String name) throws IOException {
        return Files.createDirectories(scratch.resolve(name));
    }

    /** Removes the scratch folder with every copy. */
    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + scratch, e);
        }
    }
}
