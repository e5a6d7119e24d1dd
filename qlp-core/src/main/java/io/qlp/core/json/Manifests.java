package io.qlp.core.json;

import io.qlp.api.CapsuleFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hashes a {@link io.qlp.api.Manifest} lists: hex SHA-256 of each file's UTF-8 content, by path.
 *
 * <p>Example:
 * <pre>{@code
 * Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, Instant.now(), List.of(Language.JAVA),
 *         Manifests.hashes(files), List.of(Tier.T0), "0.1.0");
 * }</pre>
 */
public final class Manifests {

    private static final HexFormat HEX = HexFormat.of();

    private Manifests() {
    }

    /** The lower-case hex SHA-256 of {@code content} encoded as UTF-8. */
    public static String sha256Hex(String content) {
        return HEX.formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash of every file, sorted by path; an unmodifiable map. */
    public static SortedMap<String, String> hashes(List<CapsuleFile> files) {
        SortedMap<String, String> hashes = new TreeMap<>();
        for (CapsuleFile file : files) {
            hashes.put(file.path(), sha256Hex(file.content()));
        }
        return Collections.unmodifiableSortedMap(hashes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken runtime, not a user error.
            throw new IllegalStateException("the JDK provides no SHA-256", e);
        }
    }
}
