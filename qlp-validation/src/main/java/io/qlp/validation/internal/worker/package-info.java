/**
 * The program a warm sandbox JVM runs: it reads capsule jars from stdin, runs their JUnit tests in a fresh class
 * loader through the JUnit Platform Launcher API and answers with the verdict on stdout. It runs inside the sandbox
 * with only the JDK and {@code junit-platform-console-standalone} on its class path, so it uses nothing else.
 *
 * <p>Example: {@code java -cp worker.jar:junit-platform-console-standalone.jar io.qlp.validation.internal.worker.CapsuleWorker NONCE}
 */
@NullMarked
package io.qlp.validation.internal.worker;

import org.jspecify.annotations.NullMarked;
