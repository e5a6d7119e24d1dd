package com.acme.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Runs against the carrier's sandbox in the integration-test phase (Failsafe), not in {@code mvn test}. */
class RateServiceIT {

    @Test
    void carrierAgreesWithLocalPrice() throws Exception {
        RateService service = new RateService(URI.create("http://localhost:8089"));
        assertEquals(RateService.localPrice(2500), service.carrierPrice(2500));
    }
}
