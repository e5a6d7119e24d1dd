#!/usr/bin/env python3
"""A loopback OpenAI-compatible chat endpoint for the server benchmark: every chat completion answers at once with
the same small, valid Java capsule (a class and its JUnit 5 test). Benchmark fixture only.

Usage: bench/fake-openai.py PORT
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = """### src/main/java/demo/Durations.java
```java
package demo;

import java.time.Duration;

/** Parses ISO-8601 durations. */
public final class Durations {
    private Durations() {
    }

    /** The duration {@code text} names. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        return Duration.parse(text.strip());
    }
}
```

### src/test/java/demo/DurationsTest.java
```java
package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void should_parse_minutes_when_given_PT5M() {
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
    }

    @Test
    void should_reject_blank_when_given_spaces() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("  "));
    }
}
```
"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        body = json.dumps({
            "id": "chatcmpl-bench", "object": "chat.completion", "created": 0,
            "model": request.get("model", "bench"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": ANSWER}}],
            "usage": {"prompt_tokens": 400, "completion_tokens": 300, "total_tokens": 700},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        body = b'{"object":"list","data":[{"id":"bench","object":"model"}]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
