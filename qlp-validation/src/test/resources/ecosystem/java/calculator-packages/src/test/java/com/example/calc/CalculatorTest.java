package com.example.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalculatorTest {

    private Calculator calculator;

    @BeforeEach
    void setUp() {
        calculator = new Calculator();
    }

    @Test
    void addsAndMultiplies() {
        assertEquals(14, calculator.evaluate("3 4 + 2 *"));
    }

    @Test
    void handlesNegativeNumbers() {
        assertEquals(-7, calculator.evaluate("-3 4 -"));
    }

    @Test
    void rejectsDivisionByZero() {
        ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> calculator.evaluate("1 0 /"));
        assertEquals("division by zero", thrown.getMessage());
    }

    @Test
    void rejectsMissingOperand() {
        assertThrows(IllegalArgumentException.class, () -> calculator.evaluate("1 +"));
    }

    @Test
    void detectsOverflow() {
        assertThrows(ArithmeticException.class, () -> calculator.evaluate("9223372036854775807 1 +"));
    }
}
