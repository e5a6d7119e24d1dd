package com.example.calc;

import com.example.calc.parse.Token;
import com.example.calc.parse.Tokenizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Evaluates expressions in reverse Polish notation, such as {@code "3 4 + 2 *"}. */
public class Calculator {

    private final Tokenizer tokenizer = new Tokenizer();

    public long evaluate(String expression) {
        Deque<Long> stack = new ArrayDeque<>();
        List<Token> tokens = tokenizer.tokenize(expression);
        for (Token token : tokens) {
            if (token.isNumber()) {
                stack.push(token.value());
                continue;
            }
            if (stack.size() < 2) {
                throw new IllegalArgumentException("operator " + token.text() + " needs two operands");
            }
            long right = stack.pop();
            long left = stack.pop();
            stack.push(apply(token.text(), left, right));
        }
        if (stack.size() != 1) {
            throw new IllegalArgumentException("expression leaves " + stack.size() + " values");
        }
        return stack.pop();
    }

    private static long apply(String operator, long left, long right) {
        return switch (operator) {
            case "+" -> Math.addExact(left, right);
            case "-" -> Math.subtractExact(left, right);
            case "*" -> Math.multiplyExact(left, right);
            case "/" -> {
                if (right == 0) {
                    throw new ArithmeticException("division by zero");
                }
                yield left / right;
            }
            default -> throw new IllegalArgumentException("unknown operator " + operator);
        };
    }
}
