package com.acme.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShelfTest {

    @Test
    void sumsQuantities() {
        Shelf shelf = new Shelf();
        shelf.put(new Item("a", 2));
        shelf.put(new Item("b", 3));
        assertEquals(5, shelf.totalQuantity());
    }
}
