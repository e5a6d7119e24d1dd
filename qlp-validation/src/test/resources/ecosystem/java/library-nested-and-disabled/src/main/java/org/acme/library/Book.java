package org.acme.library;

public record Book(String isbn, String title) {
}
