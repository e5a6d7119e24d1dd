package com.example.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventoryTest {

    private Inventory inventory;

    @BeforeEach
    void stock_some_items() {
        inventory = new Inventory();
        inventory.receive("apple", 5);
        inventory.receive("pear", 2);
    }

    @Test
    void adds_up_deliveries_of_the_same_item() {
        inventory.receive("apple", 3);

        assertThat(inventory.snapshot()).containsOnly(entry("apple", 8), entry("pear", 2));
    }

    @Test
    void forgets_an_item_shipped_out_entirely() {
        inventory.ship("pear", 2);

        assertThat(inventory.quantityOf("pear")).isEmpty();
        assertThat(inventory.quantityOf("apple")).hasValue(5);
    }

    @Test
    void refuses_to_ship_more_than_in_stock() {
        assertThatThrownBy(() -> inventory.ship("apple", 6))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("only 5 of apple in stock");
    }
}
