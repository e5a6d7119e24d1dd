package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import io.qlp.api.Finding;
import io.qlp.api.Language;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ServiceProviders;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.validation.internal.WorkerRuntime;
import io.qlp.validation.internal.maven.MavenClasspath;
import io.qlp.validation.internal.maven.MavenDependencyResolver;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maven projects whose tests need more than JUnit: the dependencies their {@code pom.xml} declares are resolved from
 * the real local repository (AssertJ and byte-buddy are there because QLP's own build uses them), compiled against
 * and run with, in the warm worker and in a one-shot test JVM.
 */
class JavaMavenDependenciesTest {

    private static final String MAIN = "src/main/java/com/example/Inventory.java";
    private static final String TEST = "src/test/java/com/example/InventoryTest.java";

    private static final CapsuleFile INVENTORY = CapsuleFile.of(MAIN, """
            package com.example;

            import java.util.List;

            public final class Inventory {
                public List<String> inStock(List<String> items) {
                    return items.stream().filter(item -> !item.isBlank()).sorted().toList();
                }
            }
            """);

    private static final String INVENTORY_TEST = """
            package com.example;

            import static org.assertj.core.api.Assertions.assertThat;

            import java.util.List;
            import org.junit.jupiter.api.Test;

            class InventoryTest {
                @Test
                void keeps_the_items_in_stock_sorted() {
                    assertThat(new Inventory().inStock(List.of("pear", " ", "apple"))).containsExactly(%s);
                }
            }
            """;

    /** The line of the AssertJ assertion in {@link #INVENTORY_TEST}. */
    private static final int ASSERTION_LINE = 11;

    private static final String ASSERTJ = """
                <dependency>
                  <groupId>org.assertj</groupId>
                  <artifactId>assertj-core</artifactId>
                  <version>3.27.7</version>
                  <scope>test</scope>
                </dependency>
            """;

    private static JavaValidator warm;
    private static JavaValidator oneShot;

    @BeforeAll
    static void createValidators() {
        warm = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
        oneShot = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).warmPool(false).build();
    }

    @AfterAll
    static void closeValidators() {
        warm.close();
        oneShot.close();
    }

    @Test
    void should_pass_when_a_maven_project_tests_with_assertj_declared_in_its_pom() {
        ValidationReport report = warm.validate(target(pom(ASSERTJ), INVENTORY, inventoryTest("\"apple\", \"pear\"")));

        assertThat(report.passed()).as("findings: %s", report.errors()).isTrue();
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile", "static", "test");
    }

    @Test
    void should_locate_the_failing_assertj_assertion_when_an_assertj_assertion_fails() {
        ValidationReport report = warm.validate(target(pom(ASSERTJ), INVENTORY, inventoryTest("\"pear\", \"apple\"")));

        assertFailedAtTheAssertion(report);
    }

    @Test
    void should_pass_and_locate_a_failing_assertj_assertion_when_each_capsule_gets_a_new_jvm() {
        ValidationReport passing = oneShot.validate(target(pom(ASSERTJ), INVENTORY,
                inventoryTest("\"apple\", \"pear\"")));
        ValidationReport failing = oneShot.validate(target(pom(ASSERTJ), INVENTORY,
                inventoryTest("\"pear\", \"apple\"")));

        assertThat(passing.passed()).as("findings: %s", passing.errors()).isTrue();
        assertFailedAtTheAssertion(failing);
    }

    @Test
    void should_report_the_unresolved_artifact_and_the_local_repository_when_a_dependency_is_not_in_it() {
        String missing = """
                    <dependency>
                      <groupId>dev.qlp.made.up</groupId>
                      <artifactId>nowhere-to-be-found</artifactId>
                      <version>9.9.9</version>
                    </dependency>
                """;
        ValidationReport report = warm.validate(target(pom(ASSERTJ + missing), INVENTORY,
                inventoryTest("\"apple\", \"pear\"")));

        assertThat(report.passed()).isFalse();
        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile");
        assertThat(report.errors()).isNotEmpty().allSatisfy(finding -> {
            assertThat(finding.stage()).isEqualTo("compile");
            assertThat(finding.rule()).isEqualTo(MavenDependencyResolver.UNRESOLVED);
            assertThat(finding.file()).isEqualTo("pom.xml");
            assertThat(finding.message()).contains("dev.qlp.made.up:nowhere-to-be-found")
                    .contains(MavenDependencyResolver.shared().localRepository().toString());
        });
    }

    @Test
    void should_compile_and_run_against_the_dependencies_when_the_tool_stages_run_in_this_jvm() {
        try (JavaValidator inHost = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).toolsJvm(false)
                .build()) {
            ValidationReport passing = inHost.validate(target(pom(ASSERTJ), INVENTORY,
                    inventoryTest("\"apple\", \"pear\"")));
            ValidationReport failing = inHost.validate(target(pom(ASSERTJ), INVENTORY,
                    inventoryTest("\"pear\", \"apple\"")));

            assertThat(passing.passed()).as("findings: %s", passing.errors()).isTrue();
            assertFailedAtTheAssertion(failing);
        }
    }

    @Test
    void should_refuse_a_system_scoped_dependency_when_it_points_outside_the_local_repository() {
        String systemScoped = """
                    <dependency>
                      <groupId>dev.qlp.made.up</groupId>
                      <artifactId>host-file</artifactId>
                      <version>1</version>
                      <scope>system</scope>
                      <systemPath>/etc/hostname</systemPath>
                    </dependency>
                """;
        ValidationReport report = warm.validate(target(pom(ASSERTJ + systemScoped), INVENTORY,
                inventoryTest("\"apple\", \"pear\"")));

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile");
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(MavenDependencyResolver.UNRESOLVED);
            assertThat(finding.message()).contains("dev.qlp.made.up:host-file").contains("system-scoped");
        });
    }

    @Test
    void should_resolve_through_an_imported_bom_and_leave_junit_out_when_the_pom_has_no_parent() {
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>inventory-bom</artifactId>
                  <version>1.0.0</version>
                  <properties>
                    <assertj.version>3.27.7</assertj.version>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>6.1.3</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.assertj</groupId>
                      <artifactId>assertj-core</artifactId>
                      <version>${assertj.version}</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                </project>
                """;
        MavenClasspath classpath = MavenDependencyResolver.shared().resolve(pom, true);
        ValidationReport report = warm.validate(target(CapsuleFile.of("pom.xml", pom), INVENTORY,
                inventoryTest("\"apple\", \"pear\"")));

        assertThat(classpath.problems()).isEmpty();
        assertThat(classpath.jars()).extracting(jar -> jar.getFileName().toString())
                .anySatisfy(name -> assertThat(name).endsWith("-assertj-core-3.27.7.jar"))
                .anySatisfy(name -> assertThat(name).contains("-byte-buddy-"))
                .noneSatisfy(name -> assertThat(name).containsAnyOf("junit", "opentest4j", "apiguardian"));
        assertThat(report.passed()).as("findings: %s", report.errors()).isTrue();
    }

    @Test
    void should_give_sandbox_readable_copies_outside_the_local_repository_when_resolving_again() throws Exception {
        String pom = pom(ASSERTJ).content();
        MavenClasspath first = MavenDependencyResolver.shared().resolve(pom, true);
        MavenClasspath again = MavenDependencyResolver.shared().resolve(pom, true);

        assertThat(again).isSameAs(first);
        assertThat(first.jars()).isNotEmpty().allSatisfy(jar -> {
            assertThat(jar).startsWith(WorkerRuntime.shared().root())
                    .satisfies(path -> assertThat(path.startsWith(
                            MavenDependencyResolver.shared().localRepository())).isFalse());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar))).isEqualTo("r--r--r--");
        });
    }

    @Test
    void should_compile_against_junit_only_when_the_capsule_has_no_pom() {
        ValidationReport report = warm.validate(new ValidationTarget(List.of(INVENTORY,
                inventoryTest("\"apple\", \"pear\"")), Language.JAVA));

        assertThat(report.stages()).extracting(StageResult::name).containsExactly("syntax", "compile");
        assertThat(report.errors()).extracting(Finding::message)
                .anySatisfy(message -> assertThat(message).contains("org.assertj.core.api"));
    }

    @Test
    void should_accept_the_maven_offline_property_and_reject_a_bad_value_when_loaded_through_service_providers() {
        ValidatorFactory factory = ServiceProviders.load(ValidatorFactory.class, "java");

        assertThat(factory.propertyNames()).contains("maven-offline");
        assertThat(factory.create(ProviderConfig.of(Map.of("maven-offline", "false"))))
                .isInstanceOf(JavaValidator.class);
        assertThatThrownBy(() -> factory.create(ProviderConfig.of(Map.of("maven-offline", "sometimes"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sometimes");
        assertThatThrownBy(() -> JavaValidator.builder().mavenOffline(true).mavenOffline(false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mavenOffline");
    }

    private static void assertFailedAtTheAssertion(ValidationReport report) {
        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.stage()).isEqualTo("test");
            assertThat(finding.file()).isEqualTo(TEST);
            assertThat(finding.line()).isEqualTo(ASSERTION_LINE);
            assertThat(finding.message()).contains("InventoryTest.keeps_the_items_in_stock_sorted()")
                    .contains("to contain exactly (and in same order)");
        });
    }

    private static CapsuleFile inventoryTest(String expected) {
        return CapsuleFile.of(TEST, INVENTORY_TEST.formatted(expected));
    }

    private static CapsuleFile pom(String dependencies) {
        return CapsuleFile.of("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>inventory</artifactId>
                  <version>1.0.0</version>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(dependencies));
    }

    private static ValidationTarget target(CapsuleFile... files) {
        return new ValidationTarget(List.of(files), Language.JAVA);
    }
}
