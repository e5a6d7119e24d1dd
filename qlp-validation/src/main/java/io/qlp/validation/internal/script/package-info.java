/**
 * Helpers shared by the validators of interpreted languages (Python, JavaScript): a private scratch folder holding
 * a copy of the capsule, the xUnit XML report reader, the host interpreters they run, and the timing of stages.
 * Not an API; anything here may change without notice.
 *
 * <p>Example:
 * <pre>{@code
 * try (ScratchFolder scratch = ScratchFolder.create("qlp-python-", files)) {
 *     Optional<XUnitReport> report = XUnitReport.read(scratch.reportFile("junit.xml"));
 * }
 * }</pre>
 */
@NullMarked
package io.qlp.validation.internal.script;

import org.jspecify.annotations.NullMarked;
