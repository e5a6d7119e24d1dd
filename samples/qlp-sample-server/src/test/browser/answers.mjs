// Model answers the loopback model gives: a Java greeter with a JUnit 5 test, and a variant that does not compile.

const FENCE = '```';

export const GREETER_PATH = 'src/main/java/demo/Greeter.java';

/** A greeter that compiles and passes its test. */
export const VALID = `**${GREETER_PATH}**
${FENCE}java
package demo;

/** Greets people by name. */
public final class Greeter {
    private Greeter() {
    }

    public static String greet(String name) {
        return "Hello, " + name;
    }
}
${FENCE}

**src/test/java/demo/GreeterTest.java**
${FENCE}java
package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreeterTest {
    @Test
    void greets() {
        assertEquals("Hello, Ada", Greeter.greet("Ada"));
    }
}
${FENCE}
`;

/** Line 9 names a variable that does not exist: the compile stage reports it there. */
export const BROKEN_LINE = 9;
export const BROKEN = VALID.replace('return "Hello, " + name;', 'return "Hello, " + nam;');

/**
 * Which answer a request gets, from the text of all its messages:
 * - "always-broken" in the request: never compiles (the capsule ends FAILED_VALIDATION with findings);
 * - "needs-repair": the first answer does not compile; a repair prompt, which quotes the compiler's complaint about
 *   `nam`, gets the valid answer;
 * - anything else: the valid answer.
 */
export function answerFor(promptText) {
  if (promptText.includes('always-broken')) {
    return BROKEN;
  }
  if (promptText.includes('needs-repair') && !isRepairPrompt(promptText)) {
    return BROKEN;
  }
  return VALID;
}

function isRepairPrompt(promptText) {
  return promptText.includes('cannot find symbol') || promptText.includes('+ nam;');
}
