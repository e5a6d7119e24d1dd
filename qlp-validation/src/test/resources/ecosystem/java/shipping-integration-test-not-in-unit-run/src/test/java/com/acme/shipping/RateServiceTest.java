package com.acme.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateServiceTest {

    @Test
    void chargesPerStartedKilogram() {
        assertEquals(570, RateService.localPrice(1));
        assertEquals(570, RateService.localPrice(1000));
        assertEquals(690, RateService.localPrice(1001));
    }

    @Test
    void refusesEmptyParcels() {
        assertThrows(IllegalArgumentException.class, () -> RateService.localPrice(0));
    }
}
