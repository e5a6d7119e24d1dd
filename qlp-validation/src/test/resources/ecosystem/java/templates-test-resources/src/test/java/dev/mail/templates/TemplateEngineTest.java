package dev.mail.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

    private final TemplateEngine engine = new TemplateEngine();

    @Test
    void rendersWelcomeMail() throws IOException {
        String rendered = engine.render("welcome", Map.of("name", "Ada", "shop", "Tea & Co"));
        assertEquals(expected("expected/welcome-ada.txt"), rendered);
    }

    @Test
    void failsOnMissingValue() {
        assertThrows(IllegalArgumentException.class, () -> engine.render("welcome", Map.of("name", "Ada")));
    }

    @Test
    void failsOnUnknownTemplate() {
        assertThrows(IllegalArgumentException.class, () -> engine.render("goodbye", Map.of()));
    }

    private static String expected(String resource) throws IOException {
        try (InputStream in = TemplateEngineTest.class.getResourceAsStream("/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
