package org.acme.library;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

public class Library {

    private final Map<String, Book> books = new LinkedHashMap<>();
    private final Map<String, String> loans = new HashMap<>();

    public void add(Book book) {
        books.put(book.isbn(), book);
    }

    public void lend(String isbn, String member) {
        if (!books.containsKey(isbn)) {
            throw new IllegalArgumentException("unknown book " + isbn);
        }
        if (loans.containsKey(isbn)) {
            throw new IllegalStateException(isbn + " is already lent to " + loans.get(isbn));
        }
        loans.put(isbn, member);
    }

    public void giveBack(String isbn) {
        if (loans.remove(isbn) == null) {
            throw new IllegalStateException(isbn + " is not lent");
        }
    }

    public Optional<String> borrowerOf(String isbn) {
        return Optional.ofNullable(loans.get(isbn));
    }

    public int available() {
        return books.size() - loans.size();
    }
}
