/**
 * The stages of {@link io.qlp.validation.JavaScriptValidator}: the host's Node.js, the {@code node --check} syntax
 * stage (CommonJS and ES modules), the test files Node's runner would pick, and the {@code node --test} run judged
 * by its JUnit report; also the Node processes started ahead for one capsule each. Not an API; anything here may
 * change without notice.
 *
 * <p>Example: {@code List<String> tests = NodeTestFiles.select(paths);}
 */
@NullMarked
package io.qlp.validation.internal.js;

import org.jspecify.annotations.NullMarked;
