package com.acme.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void addsSameCurrency() {
        assertEquals(new Money(350, EUR), new Money(100, EUR).plus(new Money(250, EUR)));
    }

    @Test
    void refusesMixedCurrencies() {
        assertThrows(IllegalArgumentException.class, () -> new Money(1, EUR).plus(new Money(1, USD)));
    }

    @Test
    void equalsIsReflexiveSymmetricAndNullSafe() {
        Money a = new Money(100, EUR);
        Money b = new Money(100, EUR);
        assertTrue(a.equals(a));
        assertTrue(a.equals(b) && b.equals(a));
        assertFalse(a.equals(null));
        assertNotEquals(a, new Money(100, USD));
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void printsCents() {
        assertEquals("3.05 EUR", new Money(305, EUR).toString());
    }
}
