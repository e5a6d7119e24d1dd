package com.acme.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletTest {

    private Wallet wallet;

    @BeforeEach
    void setUp() {
        wallet = new Wallet();
    }

    @Test
    void depositsAddUp() {
        wallet.deposit(new BigDecimal("1.50"));
        wallet.deposit(new BigDecimal("2.25"));
        assertEquals(new BigDecimal("3.75"), wallet.balance());
    }

    @Test
    void refusesNegativeDeposits() {
        assertThrows(IllegalArgumentException.class, () -> wallet.deposit(new BigDecimal("-1")));
    }

    @Test
    void sharesRoundDown() {
        wallet.deposit(new BigDecimal("0.05"));
        assertEquals(new BigDecimal("0.02"), wallet.share(2));
    }
}
