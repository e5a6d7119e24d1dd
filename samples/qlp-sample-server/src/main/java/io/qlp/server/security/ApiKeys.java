package io.qlp.server.security;

import io.qlp.server.config.ServerProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The accepted API keys, held only as SHA-256 hashes. A presented key is hashed and compared with every configured
 * hash in constant time ({@link MessageDigest#isEqual}), without stopping at the first match, so neither the content
 * nor the position of a key leaks through timing.
 *
 * <p>Example:
 * <pre>{@code
 * ApiKeys keys = ApiKeys.of(List.of(new ServerProperties.ApiKey("acme", ApiKeys.sha256Hex("s3cret"))));
 * keys.authenticate("s3cret");   // Optional[Tenant[name=acme, keyId=...]]
 * }</pre>
 */
public final class ApiKeys {

    private record Entry(String tenant, byte[] hash, String hex) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Keys from their configured hashes.
     *
     * @throws IllegalArgumentException when the same hash is configured twice
     */
    public static ApiKeys of(List<ServerProperties.ApiKey> configured) {
        List<Entry> entries = configured.stream()
                .map(key -> new Entry(key.tenant(), HexFormat.of().parseHex(key.sha256()),
                        key.sha256().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        long distinct = entries.stream().map(Entry::hex).distinct().count();
        if (distinct != entries.size()) {
            throw new IllegalArgumentException("qlp.server.api-keys lists the same key hash more than once");
        }
        return new ApiKeys(entries);
    }

    /** Hex SHA-256 of the key's UTF-8 bytes: the value to configure in {@code qlp.server.api-keys[].sha256}. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    /** Whether no key is configured. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The tenant of {@code presented}, if it is an accepted key. */
    public Optional<Tenant> authenticate(String presented) {
        byte[] hash = sha256(presented);
        Entry match = null;
        for (Entry entry : entries) {
            // No early exit: every configured hash is compared, whatever matched before.
            if (MessageDigest.isEqual(entry.hash(), hash) && match == null) {
                match = entry;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Tenant(match.tenant(), match.hex()));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
