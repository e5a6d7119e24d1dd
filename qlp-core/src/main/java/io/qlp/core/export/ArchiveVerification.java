package io.qlp.core.export;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ArchiveVerifier} found: the problems (empty when the archive is intact), how many files were checked,
 * and what was learned about the signature.
 *
 * <p>Example: {@code if (!verification.passed()) verification.problems().forEach(System.err::println);}
 *
 * @param archive the archive's name
 * @param filesChecked files whose SHA-256 matched the manifest
 * @param signature what the signature check found
 * @param signatureKeyId the key id named in {@code signature.json}, if signed
 * @param problems one sentence per problem; empty when the archive passed
 */
public record ArchiveVerification(String archive, int filesChecked, SignatureStatus signature,
                                  @Nullable String signatureKeyId, List<String> problems) {

    /** The outcomes of the signature check. */
    public enum SignatureStatus {
        /** The archive has no signature, and none was required. */
        UNSIGNED,
        /** The archive is signed, but no key was given to check it. */
        NOT_CHECKED,
        /** The signature matches the given key. */
        VALID,
        /** The signature is missing though required, malformed, or does not match. */
        INVALID
    }

    /** Copies the problems. */
    public ArchiveVerification {
        problems = List.copyOf(problems);
    }

    /** Whether the archive is intact: no problems. */
    public boolean passed() {
        return problems.isEmpty();
    }
}
