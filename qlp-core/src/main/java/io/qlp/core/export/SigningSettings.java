package io.qlp.core.export;

import io.qlp.api.spi.ProviderConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a {@link SigningKey} from exporter properties ({@code qlp.export.signing.*} without the prefix):
 * {@code signing.algorithm} ({@code ed25519} or {@code hmac-sha256}), {@code signing.key-id} (default
 * {@code default}), {@code signing.private-key-file} and {@code signing.public-key-file} (Ed25519 PEM files), and
 * {@code signing.secret} (the HMAC secret, Base64).
 *
 * <p>Example:
 * <pre>{@code
 * Optional<SigningKey> signer = SigningSettings.signer(ProviderConfig.of(Map.of(
 *     "signing.algorithm", "ed25519", "signing.private-key-file", "/etc/qlp/ed25519.pem")));
 * }</pre>
 */
public final class SigningSettings {

    /** Key id used when none is configured. */
    public static final String DEFAULT_KEY_ID = "default";

    private SigningSettings() {
    }

    /**
     * The key that signs exports, if signing is configured.
     *
     * @throws IllegalArgumentException naming the property when a value is missing or unreadable
     */
    public static Optional<SigningKey> signer(ProviderConfig config) {
        return key(config, true);
    }

    /**
     * The key that checks signatures, if configured: the Ed25519 public key (or, without one, the private key's
     * configuration is not enough), or the HMAC secret.
     *
     * @throws IllegalArgumentException naming the property when a value is missing or unreadable
     */
    public static Optional<SigningKey> verifier(ProviderConfig config) {
        return key(config, false);
    }

    private static Optional<SigningKey> key(ProviderConfig config, boolean forSigning) {
        Optional<String> algorithmText = config.get("signing.algorithm");
        if (algorithmText.isEmpty() || algorithmText.get().isBlank() || algorithmText.get().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        SigningKey.Algorithm algorithm = SigningKey.Algorithm.parse(algorithmText.get());
        String keyId = config.get("signing.key-id").orElse(DEFAULT_KEY_ID);
        if (algorithm == SigningKey.Algorithm.HMAC_SHA256) {
            String secret = config.get("signing.secret").orElseThrow(() -> new IllegalArgumentException(
                    "property 'signing.secret' (Base64, at least 32 bytes) is required for hmac-sha256"));
            try {
                return Optional.of(SigningKey.hmacSha256(Base64.getDecoder().decode(secret.trim()), keyId));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("property 'signing.secret' is not a usable Base64 secret: "
                        + e.getMessage(), e);
            }
        }
        String property = forSigning ? "signing.private-key-file" : "signing.public-key-file";
        String file = config.get(property).orElseThrow(() -> new IllegalArgumentException("property '" + property
                + "' (a PEM file) is required for ed25519 " + (forSigning ? "signing" : "verification")));
        String pem = readPem(property, file);
        try {
            return Optional.of(forSigning ? SigningKey.ed25519Private(pem, keyId) : SigningKey.ed25519Public(pem, keyId));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + property + "': " + file + " is " + e.getMessage(), e);
        }
    }

    private static String readPem(String property, String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("property '" + property + "': cannot read " + file + ": " + e,
                    new UncheckedIOException(e));
        }
    }
}
