/**
 * Validators and sandboxes: {@link io.qlp.validation.JavaValidator} checks Java capsules (syntax, compile, JUnit
 * tests) and {@link io.qlp.validation.LocalProcessSandbox} runs the tests as a separate process with limits, a
 * timeout, a clean environment and, where the machine allows, no network. {@link io.qlp.validation.DirectoryFiles}
 * reads an ordinary project folder so it can be validated like a capsule.
 *
 * <p>Example:
 * <pre>{@code
 * List<CapsuleFile> files = DirectoryFiles.read(Path.of("my-project"));
 * Validator validator = JavaValidator.builder().testTimeout(Duration.ofSeconds(30)).build();
 * ValidationReport report = validator.validate(new ValidationTarget(files, DirectoryFiles.detectLanguage(files)));
 * }</pre>
 */
@NullMarked
package io.qlp.validation;

import org.jspecify.annotations.NullMarked;
