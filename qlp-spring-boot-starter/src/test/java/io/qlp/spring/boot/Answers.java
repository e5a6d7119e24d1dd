package io.qlp.spring.boot;

/** Model answers the loopback server replays: a Java class with a JUnit test, broken once and then fixed. */
final class Answers {

    static final String BROKEN = """
            Here are the files.

            **src/main/java/demo/Greeter.java**
            ```java
            package demo;

            public final class Greeter {
                public static String greet(String name) { return "Hello, " + name }
            }
            ```

            **src/test/java/demo/GreeterTest.java**
            ```java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class GreeterTest {
                @Test
                void greets() { assertEquals("Hello, Ada", Greeter.greet("Ada")); }
            }
            ```
            """;

    static final String FIXED = BROKEN.replace("\"Hello, \" + name }", "\"Hello, \" + name; }");

    private Answers() {
    }
}
