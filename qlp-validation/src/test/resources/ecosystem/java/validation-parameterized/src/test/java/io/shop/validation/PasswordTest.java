package io.shop.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordTest {

    static Stream<Arguments> scores() {
        return Stream.of(
                Arguments.of("abc", 0),
                Arguments.of("abc1", 1),
                Arguments.of("Abc1", 2),
                Arguments.of("Abc1!", 3),
                Arguments.of("Correct-Horse-9", 4));
    }

    @ParameterizedTest
    @MethodSource("scores")
    void scoresStrength(String password, int expected) {
        assertEquals(expected, Password.strength(password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "aaaaaaaaaaaa"})
    void longPasswordsScoreAtLeastOne(String password) {
        assertTrue(Password.strength(password) >= 1);
    }
}
