package com.acme.shipping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class RateService {

    private final URI carrier;
    private final HttpClient client = HttpClient.newHttpClient();

    public RateService(URI carrier) {
        this.carrier = carrier;
    }

    /** The local price in cents for a parcel of {@code grams}: a base fee plus a rate per started kilogram. */
    public static long localPrice(int grams) {
        if (grams <= 0) {
            throw new IllegalArgumentException("weight must be positive");
        }
        long kilograms = (grams + 999) / 1000;
        return 450 + 120 * kilograms;
    }

    /** Asks the carrier's API; needs the carrier running. */
    public long carrierPrice(int grams) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(carrier.resolve("/rates?grams=" + grams)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(response.body().strip());
    }
}
