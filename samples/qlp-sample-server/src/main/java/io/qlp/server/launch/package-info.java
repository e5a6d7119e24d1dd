/**
 * The image's entry point: {@code SERVICE_NAME} picks the server, the Temporal worker or the {@code qlp} command.
 *
 * <p>Example: {@code SERVICE_NAME=worker java -cp ... io.qlp.server.launch.ServiceLauncher}
 */
@NullMarked
package io.qlp.server.launch;

import org.jspecify.annotations.NullMarked;
