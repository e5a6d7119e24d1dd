package io.qlp.spring.boot;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.Tier;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/** Capsules to store in tests. */
final class Capsules {

    private Capsules() {
    }

    /** A validated one-file capsule with a fresh id. */
    static Capsule sample() {
        CapsuleFile file = CapsuleFile.of("src/main/java/demo/Greeter.java", "package demo; class Greeter {}");
        TreeMap<String, String> hashes = new TreeMap<>();
        hashes.put(file.path(), "0".repeat(64));
        return Capsule.builder()
                .id(UUID.randomUUID().toString())
                .request(CapsuleRequest.builder().description("A greeter").language(Language.JAVA).build())
                .files(List.of(file))
                .manifest(new Manifest(Manifest.FORMAT_VERSION, Instant.parse("2026-01-01T00:00:00Z"),
                        List.of(Language.JAVA), hashes, List.of(Tier.T0), "qlp-java/test"))
                .status(CapsuleStatus.VALIDATED)
                .build();
    }
}
