package com.acme.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderImporterTest {

    // Maven runs tests in the project folder, so fixtures are often read by their path in the source tree.
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/orders.csv");

    private final OrderImporter importer = new OrderImporter();

    @Test
    void readsEveryOrder() throws IOException {
        List<OrderImporter.Order> orders = importer.read(FIXTURE);
        assertEquals(3, orders.size());
        assertEquals(new OrderImporter.Order("A-2", "grace", 399), orders.get(1));
    }

    @Test
    void writesTotals(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("totals.txt");
        importer.writeTotals(importer.read(FIXTURE), out);
        assertEquals("3 orders, 1724 cents\n", Files.readString(out));
    }
}
