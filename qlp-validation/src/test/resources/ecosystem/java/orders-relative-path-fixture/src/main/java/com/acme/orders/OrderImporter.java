package com.acme.orders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

public class OrderImporter {

    public record Order(String id, String customer, long cents) {
    }

    public List<Order> read(Path csv) throws IOException {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(line -> line.split(","))
                .map(f -> new Order(f[0].strip(), f[1].strip(), Long.parseLong(f[2].strip())))
                .toList();
    }

    public void writeTotals(List<Order> orders, Path out) throws IOException {
        long total = orders.stream().mapToLong(Order::cents).sum();
        Files.writeString(out, orders.size() + " orders, " + total + " cents\n", StandardCharsets.UTF_8);
    }
}
