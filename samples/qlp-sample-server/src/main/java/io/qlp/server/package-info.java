/**
 * The QLP sample server: a Spring Boot application exposing capsule generation as a REST API under {@code /v1}.
 *
 * <p>Example: {@code java -jar samples/qlp-sample-server/target/qlp-sample-server.jar}
 */
@NullMarked
package io.qlp.server;

import org.jspecify.annotations.NullMarked;
