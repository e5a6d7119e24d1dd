package com.example.calc.parse;

import java.util.Arrays;
import java.util.List;

public class Tokenizer {

    public List<Token> tokenize(String expression) {
        String trimmed = expression.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty expression");
        }
        return Arrays.stream(trimmed.split("\\s+")).map(Token::new).toList();
    }
}
