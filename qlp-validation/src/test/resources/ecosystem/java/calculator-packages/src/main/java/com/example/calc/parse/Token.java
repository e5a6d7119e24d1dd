package com.example.calc.parse;

public record Token(String text) {

    public boolean isNumber() {
        return text.chars().allMatch(Character::isDigit) || (text.startsWith("-") && text.length() > 1
                && text.substring(1).chars().allMatch(Character::isDigit));
    }

    public long value() {
        return Long.parseLong(text);
    }
}
