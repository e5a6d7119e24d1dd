package io.qlp.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The QLP sample server: capsule generation over HTTP, with keys, rate limits, live progress and OpenAPI.
 *
 * <p>Example: {@code java -jar samples/qlp-sample-server/target/qlp-sample-server.jar --server.port=8080}
 */
@SpringBootApplication
public class QlpServerApplication {

    /** Starts the server. */
    public static void main(String[] args) {
        SpringApplication.run(QlpServerApplication.class, args);
    }
}
