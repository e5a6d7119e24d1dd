package io.qlp.validation.ecosystem;

import static io.qlp.validation.ecosystem.EcosystemCase.failing;
import static io.qlp.validation.ecosystem.EcosystemCase.passing;
import static io.qlp.validation.ecosystem.EcosystemCase.qlpStricter;

import java.util.List;

/**
 * The corpus under {@code src/test/resources/ecosystem}: small but ordinary project folders, each passing or failing
 * for one realistic reason.
 *
 * <p>Example: {@code EcosystemCases.all().stream().filter(c -> c.ecosystem() == Ecosystem.JAVA)}
 */
final class EcosystemCases {

    /** Why QLP fails a folder without tests that the runner passes: issue #3 asks for it. */
    private static final String NO_TESTS_FAIL = "QLP fails a folder in which no test ran, because a project"
            + " without tests proves nothing; the runner reports zero tests and exits with 0";

    private static final List<EcosystemCase> ALL = List.of(
            passing(Ecosystem.PYTHON, "pricing-tests-folder",
                    "tests/ folder without __init__.py, conftest.py fixture, parametrize, pytest.raises, testpaths"),
            passing(Ecosystem.PYTHON, "inventory-tests-beside-modules",
                    "test_*.py beside the modules inside a package, class TestX with setup_method"),
            passing(Ecosystem.PYTHON, "textutils-skip-and-xfail",
                    "skip, skipif, runtime pytest.skip and a failing xfail next to passing tests"),
            passing(Ecosystem.PYTHON, "ledger-src-layout",
                    "src/ layout made importable by pyproject's pythonpath, conftest fixtures, addopts"),
            passing(Ecosystem.PYTHON, "csvstats-unittest-style",
                    "unittest.TestCase classes with a skipped test, reading a data file beside the test"),
            failing(Ecosystem.PYTHON, "geometry-helper-assertion-fails",
                    "a plain assert inside a helper module of the tests fails"),
            failing(Ecosystem.PYTHON, "config-import-error",
                    "the package imports a name its module does not define: a collection error"),
            failing(Ecosystem.PYTHON, "retry-strict-xfail-passes",
                    "pytest.ini's xfail_strict turns an xfail test that passes into a failure"),
            failing(Ecosystem.PYTHON, "orders-fixture-error",
                    "a conftest fixture raises during setup: the tests error"),
            failing(Ecosystem.PYTHON, "units-no-tests",
                    "modules only: pytest collects nothing and exits with 5"),

            passing(Ecosystem.JAVASCRIPT, "cart-commonjs",
                    "CommonJS modules under src/, describe/it/beforeEach tests under test/"),
            passing(Ecosystem.JAVASCRIPT, "slug-esm-type-module",
                    "\"type\": \"module\" package with ES modules and async tests"),
            passing(Ecosystem.JAVASCRIPT, "matrix-mjs-files",
                    ".mjs module and *.test.mjs test in the root folder"),
            passing(Ecosystem.JAVASCRIPT, "queue-skip-and-todo",
                    "test.skip, t.skip(), test.todo and a failing todo test next to passing tests"),
            passing(Ecosystem.JAVASCRIPT, "csv-default-file-patterns",
                    "test-*.js, *_test.cjs, *-test.mjs, a plain test/*.js and a helper under test/ without tests"),
            failing(Ecosystem.JAVASCRIPT, "dates-nested-describe-fails",
                    "one failing assertion in a nested describe"),
            failing(Ecosystem.JAVASCRIPT, "mailer-unhandled-rejection",
                    "a promise rejected and never handled while the tests run"),
            failing(Ecosystem.JAVASCRIPT, "router-syntax-error",
                    "an ES module the test imports does not parse"),
            qlpStricter(Ecosystem.JAVASCRIPT, "stats-no-tests",
                    "modules only: node --test finds no test file", NO_TESTS_FAIL),

            passing(Ecosystem.JAVA, "calculator-packages",
                    "main and test classes in two packages, @BeforeEach, assertThrows"),
            passing(Ecosystem.JAVA, "library-nested-and-disabled",
                    "@Nested classes two levels deep, @DisplayName and a @Disabled test that would throw"),
            passing(Ecosystem.JAVA, "validation-parameterized",
                    "junit-jupiter-api and -params: @CsvSource, @EnumSource, @NullAndEmptySource, @MethodSource"),
            passing(Ecosystem.JAVA, "templates-test-resources",
                    "main code reads src/main/resources, the test reads its expectation from src/test/resources"),
            passing(Ecosystem.JAVA, "orders-relative-path-fixture",
                    "the test reads its fixture by a path relative to the project folder, and writes to @TempDir"),
            passing(Ecosystem.JAVA, "money-equals-contract",
                    "a value type whose test checks the equals contract, including equals(null)"),
            passing(Ecosystem.JAVA, "shipping-integration-test-not-in-unit-run",
                    "a *IT class needing a running server, which Surefire (mvn test) does not run"),
            passing(Ecosystem.JAVA, "pipeline-build-package",
                    "packages named build and target, which are source folders here, not build output"),
            passing(Ecosystem.JAVA, "inventory-assertj",
                    "tests written with AssertJ, a test-scoped dependency the pom declares beside the JUnit BOM"),
            failing(Ecosystem.JAVA, "wallet-failing-test",
                    "one failing assertion among passing tests"),
            failing(Ecosystem.JAVA, "warehouse-compile-error",
                    "main code calls a method that no longer exists"),
            qlpStricter(Ecosystem.JAVA, "temperature-no-tests",
                    "main code only: Surefire says there are no tests to run", NO_TESTS_FAIL));

    private EcosystemCases() {
    }

    /** Every case, grouped by ecosystem. */
    static List<EcosystemCase> all() {
        return ALL;
    }

    /** The cases of {@code ecosystem}. */
    static List<EcosystemCase> of(Ecosystem ecosystem) {
        return ALL.stream().filter(c -> c.ecosystem() == ecosystem).toList();
    }
}
