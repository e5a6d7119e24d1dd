package io.qlp.server;

/** Model answers for the loopback model: a greeter that compiles and passes its test, and one that does not parse. */
public final class Answers {

    public static final String VALID = """
            **src/main/java/demo/Greeter.java**
            ```java
            package demo;

            public final class Greeter {
                public static String greet(String name) { return "Hello, " + name; }
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

    /** Fails at the syntax stage, which needs no JVM: cheap to validate in bulk. */
    static final String BROKEN = VALID.replace("\"Hello, \" + name; }", "\"Hello, \" + name }");

    static final String GREETER = "src/main/java/demo/Greeter.java";

    private Answers() {
    }
}
