package com.acme.warehouse;

public record Item(String sku, int quantity) {
}
