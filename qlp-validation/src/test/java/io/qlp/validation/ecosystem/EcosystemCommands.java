package io.qlp.validation.ecosystem;

import io.qlp.validation.internal.js.NodeRuntime;
import io.qlp.validation.internal.python.PythonInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The ecosystems' own test commands, run on the host as a developer would run them in the project folder:
 * {@code python3 -m pytest -q}, {@code node --test} and {@code mvn -o test}. Python and Node are the interpreters
 * QLP's validators pick, so both sides run the same versions. Maven is the repository's wrapper, offline: the case
 * poms use only JUnit's BOM version, AssertJ's version and the plugin versions of this repository's own build,
 * which that build has already put into the local repository. All Java cases run in one reactor build with {@code --fail-at-end} (one
 * Maven start-up instead of one per folder); each module's line in the reactor summary is its verdict, as
 * {@code mvn test} in that folder alone would give it.
 *
 * <p>Example: {@code RunVerdict verdict = commands.pytest(copyOfFolder);}
 */
final class EcosystemCommands {

    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(2);
    private static final Duration MAVEN_LIMIT = Duration.ofMinutes(8);

    /** Runs {@code python3 -m pytest -q} in {@code folder}. */
    RunVerdict pytest(Path folder) throws IOException, InterruptedException {
        String python = PythonInterpreter.detect().filter(PythonInterpreter::hasPytest)
                .map(p -> p.executable().toString())
                .orElseThrow(() -> new IllegalStateException("no python3 with pytest on this machine"));
        return CommandRun.in(folder, List.of(python, "-m", "pytest", "-q"), Map.of(), SCRIPT_LIMIT).verdict();
    }

    /** Runs {@code node --test} in {@code folder}. */
    RunVerdict nodeTest(Path folder) throws IOException, InterruptedException {
        String node = NodeRuntime.detect().map(n -> n.executable().toString())
                .orElseThrow(() -> new IllegalStateException("no node on this machine"));
        return CommandRun.in(folder, List.of(node, "--test"), Map.of(), SCRIPT_LIMIT).verdict();
    }

    /**
     * Runs {@code mvn -o test} over {@code modules} (folder names inside {@code reactor}) in one reactor build, and
     * returns each module's verdict by folder name.
     *
     * @throws IllegalStateException when the reactor summary lacks a module, which means Maven did not get to build
     *     it (a broken reactor or a missing plugin), with the end of Maven's output
     */
    Map<String, RunVerdict> mavenTest(Path reactor, List<String> modules) throws IOException, InterruptedException {
        Files.writeString(reactor.resolve("pom.xml"), aggregator(modules), StandardCharsets.UTF_8);
        List<String> command = List.of(maven(), "-o", "-B", "--fail-at-end", "test");
        // The wrapper runs Maven on JAVA_HOME's java, which is this JVM's: the Java the validator compiles for.
        CommandRun run = CommandRun.in(reactor, command, Map.of("JAVA_HOME", System.getProperty("java.home")),
                MAVEN_LIMIT);
        Map<String, RunVerdict> verdicts = new LinkedHashMap<>();
        for (String module : modules) {
            verdicts.put(module, moduleVerdict(run, reactor.resolve(module).resolve("pom.xml")));
        }
        return verdicts;
    }

    private static RunVerdict moduleVerdict(CommandRun run, Path pom) throws IOException {
        ProjectName project = ProjectName.of(pom);
        Matcher summary = Pattern.compile("(?m)^\\[INFO] " + Pattern.quote(project.displayName())
                + "(?: \\S+)? \\.+ (SUCCESS|FAILURE|SKIPPED)").matcher(run.output());
        if (!summary.find()) {
            throw new IllegalStateException("the reactor summary has no line for " + project.displayName()
                    + " (" + pom + "); Maven exited with " + run.exitCode() + ": " + CommandRun.tail(run.output(), 3000));
        }
        String errors = run.output().lines().filter(line -> line.startsWith("[ERROR]")
                        && line.contains("on project " + project.artifactId() + ":"))
                .collect(Collectors.joining("\n"));
        return new RunVerdict(summary.group(1).equals("SUCCESS"), "reactor summary: " + summary.group(1)
                + (errors.isEmpty() ? "" : "; " + CommandRun.tail(errors, 1500)));
    }

    private static String aggregator(List<String> modules) {
        String moduleList = modules.stream().map(m -> "    <module>" + m + "</module>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.qlp.ecosystem</groupId>
                  <artifactId>ecosystem-cases</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                %s
                  </modules>
                </project>
                """.formatted(moduleList);
    }

    /** The repository's Maven wrapper, found above the working folder, else {@code mvn} on the PATH. */
    private static String maven() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path wrapper = folder.resolve("mvnw");
            if (Files.isRegularFile(wrapper) && Files.isExecutable(wrapper)) {
                return wrapper.toString();
            }
        }
        return "mvn";
    }

    /** How Maven names a module in its reactor summary: its {@code <name>}, else its artifact id. */
    private record ProjectName(String artifactId, Optional<String> name) {

        static ProjectName of(Path pom) throws IOException {
            try {
                Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                        .getDocumentElement();
                return new ProjectName(child(project, "artifactId").orElseThrow(), child(project, "name"));
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
                throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
            }
        }

        String displayName() {
            return name.orElse(artifactId);
        }

        private static Optional<String> child(Element parent, String tag) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(tag)) {
                    return Optional.of(element.getTextContent().strip());
                }
            }
            return Optional.empty();
        }
    }
}
