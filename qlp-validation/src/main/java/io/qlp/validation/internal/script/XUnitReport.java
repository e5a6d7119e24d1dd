package io.qlp.validation.internal.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * The test cases of a JUnit-style XML report, as written by pytest ({@code --junitxml}) and by Node's test runner
 * ({@code --test-reporter=junit}). Every {@code testcase} element counts, however deeply the tool nests its suites.
 * A todo test of Node's runner ({@code skipped} of type {@code todo}) counts as skipped even when it failed, as the
 * runner counts it: its failure does not fail the run.
 *
 * <p>Example: {@code XUnitReport.read(reportFile).map(XUnitReport::ran).orElse(0)}
 *
 * @param cases the test cases in report order
 */
public record XUnitReport(List<TestCase> cases) {

    /** The {@code type} of the {@code skipped} element Node's reporter writes for a todo test. */
    private static final String NODE_TODO_TYPE = "todo";

    /** Copies the cases. */
    public XUnitReport {
        cases = List.copyOf(cases);
    }

    /** Test cases that ran, that is all but the skipped ones. */
    public int ran() {
        return (int) cases.stream().filter(c -> c.outcome() != Outcome.SKIPPED).count();
    }

    /** The cases that failed or raised an error. */
    public List<TestCase> problems() {
        return cases.stream().filter(c -> c.outcome() == Outcome.FAILED || c.outcome() == Outcome.ERROR).toList();
    }

    /**
     * Reads {@code file}; empty when it does not exist, which means the run did not finish.
     *
     * @throws IOException when the file exists but is not a readable XML report
     */
    public static Optional<XUnitReport> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Document document;
        try {
            document = newParser().parse(file.toFile());
        } catch (SAXException e) {
            throw new IOException("test report " + file.getFileName() + " is not valid XML: " + e.getMessage(), e);
        }
        NodeList elements = document.getElementsByTagName("testcase");
        List<TestCase> cases = new ArrayList<>(elements.getLength());
        for (int i = 0; i < elements.getLength(); i++) {
            cases.add(testCase((Element) elements.item(i)));
        }
        return Optional.of(new XUnitReport(cases));
    }

    private static TestCase testCase(Element element) {
        Outcome outcome = Outcome.PASSED;
        String message = "";
        String details = "";
        boolean todo = false;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element problem) {
                todo |= problem.getTagName().equals("skipped") && problem.getAttribute("type").equals(NODE_TODO_TYPE);
                Outcome found = switch (problem.getTagName()) {
                    case "failure" -> Outcome.FAILED;
                    case "error" -> Outcome.ERROR;
                    case "skipped" -> Outcome.SKIPPED;
                    default -> null;
                };
                // A failure or error outranks a skip recorded for the same case.
                if (found != null && (outcome == Outcome.PASSED || outcome == Outcome.SKIPPED)) {
                    outcome = found;
                    message = problem.getAttribute("message");
                    details = problem.getTextContent();
                }
            }
        }
        if (todo) {
            // Node's runner records a todo test's failure next to the todo mark but does not fail the run for it.
            outcome = Outcome.SKIPPED;
        }
        return new TestCase(element.getAttribute("name"), element.getAttribute("classname"),
                element.getAttribute("file"), lineOf(element), outcome, message, details);
    }

    private static int lineOf(Element element) {
        String value = element.getAttribute("line").trim();
        try {
            return value.isEmpty() ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static DocumentBuilder newParser() throws IOException {
        try {
            // The report is written by a process running untrusted code, so the XML is untrusted too.
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

    /** How a test case ended. */
    public enum Outcome {
        /** It ran and passed. */
        PASSED,
        /** An assertion failed. */
        FAILED,
        /** It raised something other than an assertion failure, or could not be collected. */
        ERROR,
        /** It did not run. */
        SKIPPED
    }

    /**
     * One test case.
     *
     * <p>Example: {@code testCase.className() + "::" + testCase.name()}
     *
     * @param name the test's name
     * @param className the class or module the tool files it under
     * @param file the file the tool names, relative to its root folder, or empty
     * @param line the tool's line attribute (pytest's is 0-based), or -1 when absent
     * @param outcome how it ended
     * @param message the failure's short message, or empty
     * @param details the failure's full text, usually a traceback or stack trace, or empty
     */
    public record TestCase(String name, String className, String file, int line, Outcome outcome, String message,
                           String details) {
    }
}
