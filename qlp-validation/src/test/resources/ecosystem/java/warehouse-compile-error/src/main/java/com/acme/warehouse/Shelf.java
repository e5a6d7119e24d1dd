package com.acme.warehouse;

import java.util.ArrayList;
import java.util.List;

public class Shelf {

    private final List<Item> items = new ArrayList<>();

    public void put(Item item) {
        items.add(item);
    }

    public int totalQuantity() {
        int total = 0;
        for (Item item : items) {
            // The accessor was renamed from getQty() to quantity() and this call was missed.
            total += item.getQty();
        }
        return total;
    }
}
