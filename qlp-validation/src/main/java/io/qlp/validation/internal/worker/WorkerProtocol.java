package io.qlp.validation.internal.worker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The line protocol between the host and a warm worker JVM. Every line is UTF-8 text ending in {@code \n}; free text
 * is Base64 encoded, so a field never holds a space or a line break.
 * <pre>
 * worker, once started:  NONCE READY
 * host, per capsule:     RUN NONCE b64(class path: capsule jar, dependency jars) b64(test class names joined by ',') b64(project archive path)
 * worker, per failure:   NONCE FAIL b64(class) b64(test name) 0|1(error) b64(type) b64(message) b64(stack trace)
 * worker, at the end:    NONCE DONE found succeeded failed skipped b64(reason to recycle the worker, or empty)
 * </pre>
 * The host draws a fresh random nonce for every capsule and ignores lines that do not start with it, so code under
 * test that writes to the worker's stdout cannot forge a verdict. A worker that ends before {@code DONE} failed the
 * capsule.
 *
 * <p>Example: {@code WorkerProtocol.encode("a b")} is {@code "YSBi"}.
 */
public final class WorkerProtocol {

    /** The word of the worker's first line. */
    public static final String READY = "READY";
    /** The word of a host request. */
    public static final String RUN = "RUN";
    /** The word of a failed test. */
    public static final String FAIL = "FAIL";
    /** The word of the final line of an answer. */
    public static final String DONE = "DONE";

    private WorkerProtocol() {
    }

    /** {@code text} as URL-safe Base64 without padding; the empty string stays empty. */
    public static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of an {@link #encode(String)}d field. */
    public static String decode(String field) {
        return new String(Base64.getUrlDecoder().decode(field), StandardCharsets.UTF_8);
    }

    /** The space-separated fields of {@code line}; an empty field is kept as {@code ""}. */
    public static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ' ') {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        return fields;
    }
}
