package io.qlp.core.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A key that signs archive manifests, or checks their signatures: Ed25519 (a private key signs, the public key
 * checks) or HMAC-SHA256 (one shared secret does both). Uses only the JDK's providers.
 *
 * <p>Example:
 * <pre>{@code
 * SigningKey signer = SigningKey.ed25519Private(Files.readString(Path.of("ed25519.pem")), "release-2026");
 * SigningKey checker = SigningKey.ed25519Public(Files.readString(Path.of("ed25519.pub.pem")), "release-2026");
 * SigningKey shared = SigningKey.hmacSha256(Base64.getDecoder().decode(System.getenv("QLP_EXPORT_SECRET")), "ci");
 * }</pre>
 */
public final class SigningKey {

    /** The algorithms a key may use, with the names written into {@code signature.json}. */
    public enum Algorithm {
        /** Ed25519 signatures (RFC 8032). */
        ED25519("Ed25519"),
        /** HMAC with SHA-256 (RFC 2104). */
        HMAC_SHA256("HmacSHA256");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        /** The name in {@code signature.json} and the JDK: {@code Ed25519} or {@code HmacSHA256}. */
        public String jcaName() {
            return jcaName;
        }

        /**
         * Reads {@code ed25519} or {@code hmac-sha256} (configuration), or the JDK names, case-insensitively.
         *
         * @throws IllegalArgumentException naming the value otherwise
         */
        public static Algorithm parse(String text) {
            String wanted = text.trim().toLowerCase(Locale.ROOT).replace("_", "-");
            for (Algorithm algorithm : values()) {
                if (wanted.equals(algorithm.jcaName.toLowerCase(Locale.ROOT))
                        || wanted.equals(algorithm.name().toLowerCase(Locale.ROOT).replace("_", "-"))) {
                    return algorithm;
                }
            }
            throw new IllegalArgumentException("signing algorithm must be ed25519 or hmac-sha256: '" + text + "'");
        }
    }

    /** Shortest accepted HMAC secret, in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    private final Algorithm algorithm;
    private final String keyId;
    private final @Nullable PrivateKey privateKey;
    private final @Nullable PublicKey publicKey;
    private final byte @Nullable [] secret;

    private SigningKey(Algorithm algorithm, String keyId, @Nullable PrivateKey privateKey,
                       @Nullable PublicKey publicKey, byte @Nullable [] secret) {
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("key id must not be blank: '" + keyId + "'");
        }
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.secret = secret == null ? null : secret.clone();
    }

    /** An Ed25519 key pair: signs and checks. */
    public static SigningKey ed25519(PrivateKey privateKey, PublicKey publicKey, String keyId) {
        return new SigningKey(Algorithm.ED25519, keyId, requireEd25519(privateKey), requireEd25519(publicKey), null);
    }

    /**
     * An Ed25519 private key in PEM ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8, as written by
     * {@code openssl genpkey -algorithm ed25519}); it signs only.
     *
     * @throws IllegalArgumentException when the text is not such a key
     */
    public static SigningKey ed25519Private(String pem, String keyId) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
            return new SigningKey(Algorithm.ED25519, keyId, key, null, null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8 PEM: " + e.getMessage(), e);
        }
    }

    /**
     * An Ed25519 public key in PEM ({@code -----BEGIN PUBLIC KEY-----}, as written by {@code openssl pkey -pubout});
     * it checks only.
     *
     * @throws IllegalArgumentException when the text is not such a key
     */
    public static SigningKey ed25519Public(String pem, String keyId) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pemBody(pem)));
            return new SigningKey(Algorithm.ED25519, keyId, null, key, null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /**
     * A shared HMAC-SHA256 secret of at least {@value #MIN_SECRET_BYTES} bytes; signs and checks.
     *
     * @throws IllegalArgumentException when the secret is shorter
     */
    public static SigningKey hmacSha256(byte[] secret, String keyId) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("HMAC secret must have at least " + MIN_SECRET_BYTES + " bytes: "
                    + secret.length);
        }
        return new SigningKey(Algorithm.HMAC_SHA256, keyId, null, null, secret);
    }

    /** The algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** The name of the key, written into {@code signature.json} so a reader knows which key to use. */
    public String keyId() {
        return keyId;
    }

    /** Whether this key can sign: an Ed25519 private key or an HMAC secret. */
    public boolean canSign() {
        return privateKey != null || secret != null;
    }

    /** Whether this key can check signatures: an Ed25519 public key or an HMAC secret. */
    public boolean canVerify() {
        return publicKey != null || secret != null;
    }

    /**
     * Signs {@code payload}.
     *
     * @throws IllegalStateException when this key cannot sign
     */
    public byte[] sign(byte[] payload) {
        try {
            if (secret != null) {
                return mac().doFinal(payload);
            }
            if (privateKey == null) {
                throw new IllegalStateException("key '" + keyId + "' is a public key; it can check but not sign");
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not sign with " + algorithm.jcaName(), e);
        }
    }

    /**
     * Whether {@code signatureBytes} is this key's signature of {@code payload}.
     *
     * @throws IllegalStateException when this key cannot check signatures
     */
    public boolean verify(byte[] payload, byte[] signatureBytes) {
        try {
            if (secret != null) {
                return MessageDigest.isEqual(mac().doFinal(payload), signatureBytes);
            }
            if (publicKey == null) {
                throw new IllegalStateException("key '" + keyId + "' has no public key to check signatures with");
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(payload);
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK could not check a " + algorithm.jcaName() + " signature", e);
        }
    }

    private Mac mac() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Objects.requireNonNull(secret), "HmacSHA256"));
        return mac;
    }

    private static <K extends java.security.Key> K requireEd25519(K key) {
        String name = key.getAlgorithm();
        if (!"Ed25519".equalsIgnoreCase(name) && !"EdDSA".equalsIgnoreCase(name)) {
            throw new IllegalArgumentException("key must be an Ed25519 key: " + name);
        }
        return key;
    }

    private static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm.jcaName() + ", " + keyId + (canSign() ? ", signs" : "")
                + (canVerify() ? ", checks" : "") + "]";
    }
}
