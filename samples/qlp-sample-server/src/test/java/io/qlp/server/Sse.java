package io.qlp.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Reads a Server-Sent-Events stream over real HTTP until its {@code end} event. */
final class Sse {

    record Event(@Nullable String id, String name, JsonNode data) {
    }

    record Stream_(int status, List<Event> events) {
    }

    private Sse() {
    }

    static Stream_ read(Api api, String path, @Nullable String lastEventId) {
        HttpRequest.Builder builder = api.request(path).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60)).GET();
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = Api.CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Event> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, parse(data.toString())));
                        if (name.equals("end")) {
                            break;
                        }
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        return new Stream_(response.statusCode(), events);
    }

    private static JsonNode parse(String data) {
        try {
            return Api.JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + data, e);
        }
    }
}
