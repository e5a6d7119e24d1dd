package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.server.web.StaticPageHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web page at {@code /}: served without a key and under a Content Security Policy, its modules all reachable,
 * while every path under {@code /v1} still needs a key, however the path is spelled.
 */
class WebPageTest extends ServerTestSupport {

    private static final Pattern IMPORT = Pattern.compile("from\\s+'(\\./[A-Za-z0-9_-]+\\.js)'");

    @Test
    void should_serve_the_page_under_a_content_security_policy_when_no_key_is_sent() {
        HttpResponse<String> page = anonymous.get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(StaticPageHeaders.CONTENT_SECURITY_POLICY);
        assertThat(StaticPageHeaders.CONTENT_SECURITY_POLICY).startsWith("default-src 'self';")
                .contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String html = page.body();
        assertThat(html).contains("<script type=\"module\" src=\"app/main.js\"></script>", "id=\"api-key\"");
        // The policy forbids inline code and styles, and the page loads nothing from another origin.
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(html).doesNotContain(" style=", "<style", " onclick=", " onload=", "javascript:", "http://",
                "https://", "//cdn");
    }

    @Test
    void should_serve_every_static_file_and_imported_module_when_no_key_is_sent() {
        Set<String> seen = new HashSet<>();
        Deque<String> modules = new ArrayDeque<>(List.of("/app/main.js"));
        while (!modules.isEmpty()) {
            String path = modules.pop();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> module = anonymous.get(path);
            assertThat(module.statusCode()).as(path).isEqualTo(200);
            // Browsers run an ES module only when it is served as JavaScript.
            assertThat(module.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).matches("(text|application)/javascript.*"));
            assertThat(module.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
            assertThat(module.body()).as(path).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(", "new Function", "localStorage");
            Matcher imports = IMPORT.matcher(module.body());
            while (imports.find()) {
                modules.push("/app/" + imports.group(1).substring(2));
            }
        }
        assertThat(seen).contains("/app/main.js", "/app/api.js", "/app/sse.js", "/app/highlight.js",
                "/app/view-model.js");

        for (String path : List.of("/index.html", "/style.css", "/favicon.svg")) {
            HttpResponse<String> file = anonymous.get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(anonymous.get("/style.css").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
        assertThat(anonymous.get("/favicon.svg").headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
    }

    @Test
    void should_send_the_key_only_in_a_header_when_the_page_stores_it_in_session_storage() {
        String main = anonymous.get("/app/main.js").body();
        String api = anonymous.get("/app/api.js").body();

        assertThat(main).contains("sessionStorage").doesNotContain("localStorage", "document.cookie");
        assertThat(api).contains("'X-API-Key': key()").doesNotContain("api_key=", "key=${", "?key");
    }

    @Test
    void should_still_require_a_key_for_the_api_when_the_page_is_public() {
        error(anonymous.get("/v1/capsules"), 401, "unauthenticated");
        error(anonymous.postJson("/v1/generate/capsule", "{\"description\":\"x\"}"), 401, "unauthenticated");

        HttpResponse<String> listed = acme.get("/v1/capsules");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Content-Security-Policy")).as("API answers keep their headers")
                .isEmpty();
    }

    @Test
    void should_answer_401_when_a_disguised_path_would_reach_the_api_without_a_key() {
        // Each of these reaches the /v1/capsules controller: the container decodes %76 to 'v', drops ;parameters
        // and resolves '..'. The key check must see the path the container routes by, not the raw URI.
        List<String> disguised = List.of("/%761/capsules", "/v1;x=y/capsules", "/v1/capsules;x=y",
                "/v1/openapi.json/../capsules", "/v1/docs/../capsules", "/v1/swagger-ui/..;/capsules");
        for (String path : disguised) {
            error(raw(anonymous, path), 401, "unauthenticated");
        }

        // The same spellings with a key do reach the controller, so the 401 above is the key check's doing.
        for (String path : List.of("/%761/capsules", "/v1;x=y/capsules")) {
            HttpResponse<String> listed = raw(acme, path);
            assertThat(listed.statusCode()).as(path).isEqualTo(200);
            assertThat(Api.read(listed).has("capsules")).as(path).isTrue();
        }
    }

    /** A GET whose path is sent exactly as written, without the client normalising it. */
    private static HttpResponse<String> raw(Api api, String path) {
        HttpRequest.Builder builder = api.request("/");
        HttpRequest request = builder.uri(URI.create(api.base() + path)).GET().build();
        return api.send(request);
    }
}
