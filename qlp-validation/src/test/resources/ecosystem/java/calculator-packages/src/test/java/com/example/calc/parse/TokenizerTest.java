package com.example.calc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    void splitsOnAnyWhitespace() {
        assertEquals(List.of(new Token("1"), new Token("2"), new Token("+")), tokenizer.tokenize(" 1\t2  + "));
    }

    @Test
    void rejectsBlankInput() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenize("   "));
    }

    @Test
    void recognizesNumbers() {
        assertTrue(new Token("-12").isNumber());
        assertFalse(new Token("-").isNumber());
        assertFalse(new Token("*").isNumber());
    }
}
