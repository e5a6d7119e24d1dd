package io.qlp.server;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A deliberate bug, only in tests, to see that a real bug answers 500 without leaking its details. */
@RestController
class BugController {

    @GetMapping("/v1/test-only/bug")
    String bug() {
        throw new IllegalStateException("secret detail at /work/main/hidden with key loopback");
    }
}
