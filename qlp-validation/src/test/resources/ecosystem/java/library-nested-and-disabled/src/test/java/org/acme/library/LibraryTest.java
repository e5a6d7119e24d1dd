package org.acme.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A library")
class LibraryTest {

    private Library library;

    @BeforeEach
    void createLibrary() {
        library = new Library();
        library.add(new Book("978-0", "Dune"));
        library.add(new Book("978-1", "Emma"));
    }

    @Test
    @DisplayName("starts with every book available")
    void everyBookAvailable() {
        assertEquals(2, library.available());
    }

    @Test
    void refusesUnknownBooks() {
        assertThrows(IllegalArgumentException.class, () -> library.lend("999", "ann"));
    }

    @Nested
    @DisplayName("when a book is lent")
    class WhenLent {

        @BeforeEach
        void lendDune() {
            library.lend("978-0", "ann");
        }

        @Test
        void knowsTheBorrower() {
            assertEquals(Optional.of("ann"), library.borrowerOf("978-0"));
        }

        @Test
        void refusesToLendItTwice() {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> library.lend("978-0", "bob"));
            assertTrue(thrown.getMessage().contains("already lent to ann"));
        }

        @Nested
        class AndGivenBack {

            @BeforeEach
            void giveBack() {
                library.giveBack("978-0");
            }

            @Test
            void isAvailableAgain() {
                assertEquals(2, library.available());
            }
        }
    }

    @Test
    @Disabled("reservations are not implemented yet")
    void reservesLentBooks() {
        throw new UnsupportedOperationException("reservations");
    }
}
