/**
 * The stages of {@link io.qlp.validation.PythonValidator}: the host interpreter it uses, the {@code ast} syntax
 * check, the pytest run judged by pytest's JUnit XML report, and the warm zygote that forks a child per capsule for
 * both. Not an API; anything here may change without notice.
 *
 * <p>Example: {@code PythonInterpreter python = PythonInterpreter.detect();}
 */
@NullMarked
package io.qlp.validation.internal.python;

import org.jspecify.annotations.NullMarked;
