/**
 * The stages of {@link io.qlp.validation.PythonValidator}: the host interpreter it uses, the {@code ast} syntax
 * check and the pytest run judged by pytest's JUnit XML report. Not an API; anything here may change without notice.
 *
 * <p>Example: {@code PythonInterpreter python = PythonInterpreter.detect();}
 */
@NullMarked
package io.qlp.validation.internal.python;

import org.jspecify.annotations.NullMarked;
