package io.shop.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.shop.validation.PostalCode.Country;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class PostalCodeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "US, 12345,      true",
        "US, 12345-6789, true",
        "US, 1234,       false",
        "NL, 1012 AB,    true",
        "NL, 1012ab,     true",
        "GB, SW1A 1AA,   true",
        "GB, 12345,      false",
    })
    void checksFormats(Country country, String code, boolean valid) {
        assertEquals(valid, PostalCode.isValid(country, code));
    }

    @ParameterizedTest
    @EnumSource(Country.class)
    void rejectsLetters(Country country) {
        assertFalse(PostalCode.isValid(country, "hello"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNothing(String code) {
        assertFalse(PostalCode.isValid(Country.US, code));
    }
}
