package io.qlp.validation.internal;

import io.qlp.api.CapsuleFile;
import io.qlp.api.FileRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a Java capsule sorted by what the validator does with them: main sources, test sources and
 * resources, and all of them as the project folder the tests run in. Any {@code .java} file counts as a source; it
 * is a test when it sits under {@code src/test/}, is named {@code *Test.java} or {@code *Tests.java}, or has the
 * {@link FileRole#TEST} role.
 *
 * <p>Example: {@code JavaSources sources = JavaSources.of(target.files());}
 *
 * @param mainSources production {@code .java} files
 * @param testSources test {@code .java} files
 * @param resources classpath resources by jar entry name, from {@code src/main/resources} and
 *     {@code src/test/resources}
 * @param projectFiles every file of the capsule, which the tests find in their working folder, as Maven runs tests
 *     in the project's folder
 */
public record JavaSources(List<CapsuleFile> mainSources, List<CapsuleFile> testSources,
                          Map<String, String> resources, List<CapsuleFile> projectFiles) {

    private static final List<String> RESOURCE_ROOTS = List.of("src/main/resources/", "src/test/resources/");

    /** Copies the collections. */
    public JavaSources {
        mainSources = List.copyOf(mainSources);
        testSources = List.copyOf(testSources);
        resources = Map.copyOf(resources);
        projectFiles = List.copyOf(projectFiles);
    }

    /** Sorts {@code files}; files that are neither Java sources nor resources are left out. */
    public static JavaSources of(List<CapsuleFile> files) {
        List<CapsuleFile> main = new ArrayList<>();
        List<CapsuleFile> tests = new ArrayList<>();
        Map<String, String> resources = new LinkedHashMap<>();
        for (CapsuleFile file : files) {
            if (file.path().endsWith(".java")) {
                (isTest(file) ? tests : main).add(file);
                continue;
            }
            for (String root : RESOURCE_ROOTS) {
                if (file.path().startsWith(root)) {
                    resources.put(file.path().substring(root.length()), file.content());
                }
            }
        }
        return new JavaSources(main, tests, resources, files);
    }

    /** Whether the capsule is a Maven project, with a {@code pom.xml} at its root. */
    public boolean mavenProject() {
        return projectFiles.stream().anyMatch(file -> file.path().equals("pom.xml"));
    }

    /** Every source, main first. */
    public List<CapsuleFile> allSources() {
        List<CapsuleFile> all = new ArrayList<>(mainSources);
        all.addAll(testSources);
        return all;
    }

    private static boolean isTest(CapsuleFile file) {
        return isTestPath(file.path()) || file.role() == FileRole.TEST;
    }

    /** Whether a {@code .java} file at {@code path} is a test by its place or name, whatever its role. */
    public static boolean isTestPath(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.startsWith("src/test/") || path.contains("/src/test/")
                || name.endsWith("Test.java") || name.endsWith("Tests.java");
    }
}
