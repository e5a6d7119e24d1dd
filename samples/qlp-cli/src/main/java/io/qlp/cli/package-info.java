/**
 * The {@code qlp} command line: {@code qlp generate} turns a description into a validated capsule,
 * {@code qlp validate} checks existing project folders.
 *
 * <p>Example: {@code java -jar samples/qlp-cli/target/qlp.jar generate "ISO-8601 duration parser" --out out}
 */
@NullMarked
package io.qlp.cli;

import org.jspecify.annotations.NullMarked;
