/**
 * Implementation details of the validators and sandboxes: process handling, the in-memory compiler, the JUnit
 * report reader. Not an API; anything here may change without notice.
 *
 * <p>Example: {@code BoundedOutput output = BoundedOutput.drain(process.getInputStream(), 1024, "stdout");}
 */
@NullMarked
package io.qlp.validation.internal;

import org.jspecify.annotations.NullMarked;
