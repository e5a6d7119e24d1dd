package io.qlp.routing;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labelled routing set in {@code labelled-requests.tsv}: requests with the difficulty a careful engineer gave them. */
public final class LabelledSet {

    /** One request and its difficulty, 0 (trivial) to 3 (hard). */
    public record Labelled(int difficulty, CapsuleRequest request) {
    }

    private LabelledSet() {
    }

    public static List<Labelled> load() {
        try (InputStream in = LabelledSet.class.getResourceAsStream("labelled-requests.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Labelled> all = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                all.add(new Labelled(Integer.parseInt(fields[0]), CapsuleRequest.builder()
                        .description(fields[2]).language(Language.fromId(fields[1])).build()));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
