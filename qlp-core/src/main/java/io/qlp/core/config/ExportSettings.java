package io.qlp.core.config;

import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Export settings, under {@code qlp.export}: how archives are signed and checked.
 *
 * <p>Example (YAML):
 * <pre>{@code
 * qlp:
 *   export:
 *     signing: {algorithm: ed25519, key-id: release, private-key-file: keys/ed25519.pem, public-key-file: keys/ed25519.pub.pem}
 *     # or: signing: {algorithm: hmac-sha256, key-id: ci, secret-env: QLP_EXPORT_SECRET}
 * }</pre>
 *
 * @param signing the signing key, if archives are signed
 */
public record ExportSettings(@Nullable Signing signing) {

    /** No signing. */
    public static ExportSettings defaults() {
        return new ExportSettings(null);
    }

    /**
     * The signing key, under {@code qlp.export.signing}.
     *
     * @param algorithm {@code ed25519} or {@code hmac-sha256}
     * @param keyId the key's name, written into {@code signature.json}; default {@code default}
     * @param privateKeyFile Ed25519 private key, PKCS#8 PEM ({@code openssl genpkey -algorithm ed25519})
     * @param publicKeyFile Ed25519 public key, PEM ({@code openssl pkey -pubout}); {@code qlp verify} uses it
     * @param secret HMAC secret, Base64 of at least 32 bytes; prefer {@code secretEnv}
     * @param secretEnv name of an environment variable holding the HMAC secret
     */
    public record Signing(@Nullable String algorithm, @Nullable String keyId, @Nullable String privateKeyFile,
                          @Nullable String publicKeyFile, @Nullable String secret, @Nullable String secretEnv) {
    }

    /**
     * The {@code signing.*} properties the exporter factories and {@code qlp verify} read.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CONFIGURATION} when the secret variable is unset
     */
    public ProviderConfig providerConfig(Function<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (signing == null || signing.algorithm() == null) {
            return ProviderConfig.of(properties);
        }
        properties.put("signing.algorithm", signing.algorithm());
        putIfSet(properties, "signing.key-id", signing.keyId());
        putIfSet(properties, "signing.private-key-file", signing.privateKeyFile());
        putIfSet(properties, "signing.public-key-file", signing.publicKeyFile());
        String secret = signing.secret();
        if (secret == null && signing.secretEnv() != null) {
            secret = environment.apply(signing.secretEnv());
            if (secret == null) {
                throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "environment variable "
                        + signing.secretEnv() + " named by qlp.export.signing.secret-env is not set",
                        Map.of("key", "qlp.export.signing.secret-env"));
            }
        }
        putIfSet(properties, "signing.secret", secret);
        return ProviderConfig.of(properties);
    }

    private static void putIfSet(Map<String, String> properties, String key, @Nullable String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
