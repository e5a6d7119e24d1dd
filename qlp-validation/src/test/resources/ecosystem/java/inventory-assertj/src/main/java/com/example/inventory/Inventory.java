package com.example.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Stock levels by item name. */
public final class Inventory {

    private final Map<String, Integer> stock = new TreeMap<>();

    public void receive(String item, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
        stock.merge(item, quantity, Integer::sum);
    }

    public void ship(String item, int quantity) {
        int available = stock.getOrDefault(item, 0);
        if (quantity > available) {
            throw new IllegalStateException("only " + available + " of " + item + " in stock");
        }
        if (quantity == available) {
            stock.remove(item);
        } else {
            stock.put(item, available - quantity);
        }
    }

    public Optional<Integer> quantityOf(String item) {
        return Optional.ofNullable(stock.get(item));
    }

    public Map<String, Integer> snapshot() {
        return Map.copyOf(stock);
    }
}
