package io.shop.validation;

public final class Password {

    private Password() {
    }

    /** 0 to 4: one point each for length 12+, a digit, an upper-case letter and a symbol. */
    public static int strength(String password) {
        int score = password.length() >= 12 ? 1 : 0;
        if (password.chars().anyMatch(Character::isDigit)) {
            score++;
        }
        if (password.chars().anyMatch(Character::isUpperCase)) {
            score++;
        }
        if (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) {
            score++;
        }
        return score;
    }
}
