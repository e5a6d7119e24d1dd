package io.qlp.validation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The totals and failed tests of a JUnit Platform run, read from the legacy XML reports ({@code TEST-*.xml}) the
 * console launcher writes into its reports folder.
 *
 * <p>Example: {@code JUnitReport.read(reportsDir).filter(r -> r.failures() + r.errors() == 0)}
 *
 * @param tests tests found
 * @param skipped tests skipped or disabled
 * @param failures tests that failed an assertion
 * @param errors tests that threw something else
 * @param failed one entry per failed test
 */
public record JUnitReport(int tests, int skipped, int failures, int errors, List<FailedTest> failed) {

    /** Copies the failed tests. */
    public JUnitReport {
        failed = List.copyOf(failed);
    }

    /** Tests that ran, that is found and not skipped. */
    public int ran() {
        return tests - skipped;
    }

    /**
     * Reads every {@code TEST-*.xml} file in {@code reportsDir}; empty when there is none, which means the run did
     * not finish.
     *
     * @throws IOException when a report exists but cannot be read or parsed
     */
    public static Optional<JUnitReport> read(Path reportsDir) throws IOException {
        if (!Files.isDirectory(reportsDir)) {
            return Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(reportsDir)) {
            files = listing.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        DocumentBuilder parser = newParser();
        int tests = 0;
        int skipped = 0;
        int failures = 0;
        int errors = 0;
        List<FailedTest> failed = new ArrayList<>();
        for (Path file : files) {
            Document document;
            try {
                document = parser.parse(file.toFile());
            } catch (SAXException e) {
                throw new IOException("JUnit report " + file.getFileName() + " is not valid XML: " + e.getMessage(), e);
            }
            NodeList suites = document.getElementsByTagName("testsuite");
            for (int i = 0; i < suites.getLength(); i++) {
                Element suite = (Element) suites.item(i);
                tests += count(suite, "tests");
                skipped += count(suite, "skipped");
                failures += count(suite, "failures");
                errors += count(suite, "errors");
            }
            NodeList cases = document.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                failedTest((Element) cases.item(i)).ifPresent(failed::add);
            }
        }
        return Optional.of(new JUnitReport(tests, skipped, failures, errors, failed));
    }

    private static Optional<FailedTest> failedTest(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element problem
                    && (problem.getTagName().equals("failure") || problem.getTagName().equals("error"))) {
                return Optional.of(new FailedTest(testCase.getAttribute("classname"), testCase.getAttribute("name"),
                        problem.getTagName().equals("error"), problem.getAttribute("type"),
                        problem.getAttribute("message"), problem.getTextContent()));
            }
        }
        return Optional.empty();
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute).trim();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DocumentBuilder newParser() throws IOException {
        try {
            // The report folder is writable by the code under test, so treat the XML as untrusted.
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no safe XML parser available: " + e.getMessage(), e);
        }
    }

    /**
     * One failed test.
     *
     * <p>Example: {@code failed.className() + "." + failed.testName() + ": " + failed.message()}
     *
     * @param className binary name of the test class
     * @param testName the test's name, such as {@code adds()}
     * @param error whether it threw something other than an assertion failure
     * @param type the class of what was thrown
     * @param message the message of what was thrown, possibly empty
     * @param stackTrace the stack trace text
     */
    public record FailedTest(String className, String testName, boolean error, String type, String message,
                             String stackTrace) {
    }
}
