package io.qlp.core.export;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The build file a capsule needs to build on its own, when it has none: a Maven {@code pom.xml} with JUnit 5 for
 * Java, a {@code pyproject.toml} with pytest for Python, a {@code package.json} running {@code node --test} for
 * JavaScript.
 */
final class ProjectScaffold {

    private static final String JUNIT_VERSION = "5.11.4";

    private ProjectScaffold() {
    }

    /** The build files to add; empty when the capsule already has its language's build file. */
    static List<CapsuleFile> buildFiles(Capsule capsule) {
        Language language = capsule.request().language();
        String name = artifactName(capsule);
        List<CapsuleFile> added = new ArrayList<>();
        switch (language) {
            case JAVA -> addIfAbsent(capsule, added, "pom.xml", pom(name));
            case PYTHON -> addIfAbsent(capsule, added, "pyproject.toml", pyproject(name));
            case JAVASCRIPT -> addIfAbsent(capsule, added, "package.json", packageJson(name));
        }
        return added;
    }

    private static void addIfAbsent(Capsule capsule, List<CapsuleFile> added, String path, String content) {
        if (capsule.file(path).isEmpty()) {
            added.add(CapsuleFile.of(path, content));
        }
    }

    /** A name every build tool accepts: lower case letters, digits and dashes, starting with a letter. */
    static String artifactName(Capsule capsule) {
        String cleaned = capsule.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return "capsule-" + (cleaned.isEmpty() ? "unnamed" : cleaned);
    }

    private static String pom(String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.qlp.capsule</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>3.5.4</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(name, JUNIT_VERSION);
    }

    private static String pyproject(String name) {
        return """
                [build-system]
                requires = ["setuptools>=68"]
                build-backend = "setuptools.build_meta"

                [project]
                name = "%s"
                version = "1.0.0"
                requires-python = ">=3.9"

                [project.optional-dependencies]
                test = ["pytest>=8"]

                [tool.pytest.ini_options]
                testpaths = ["."]
                """.formatted(name);
    }

    private static String packageJson(String name) {
        return """
                {
                  "name": "%s",
                  "version": "1.0.0",
                  "private": true,
                  "scripts": {
                    "test": "node --test"
                  },
                  "engines": {
                    "node": ">=18"
                  }
                }
                """.formatted(name);
    }
}
