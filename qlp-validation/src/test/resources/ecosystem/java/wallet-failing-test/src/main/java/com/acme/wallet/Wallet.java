package com.acme.wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;

public class Wallet {

    private BigDecimal balance = BigDecimal.ZERO;

    public void deposit(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("deposit must be positive");
        }
        balance = balance.add(amount);
    }

    /** Splits the balance into {@code parts} equal shares, rounded down to cents. */
    public BigDecimal share(int parts) {
        // Bug: rounds half up, so the shares can add up to more than the balance.
        return balance.divide(BigDecimal.valueOf(parts), 2, RoundingMode.HALF_UP);
    }

    public BigDecimal balance() {
        return balance;
    }
}
