package io.qlp.core.version;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleFile;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.CapsuleVersion;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Manifest;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.api.ValidationReport;
import io.qlp.api.VersionMetadata;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.json.Manifests;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Versions of stored capsules: applies submitted changes (create, modify, delete, rename) to the latest version,
 * validates the result again, and stores it as a new version whose parent is the old latest; lists versions; diffs
 * two versions file by file. Works on any {@link CapsuleStore}.
 *
 * <p>Conflicts: a change set names the version it was written against. When a file it touches was changed in a
 * later version, {@link #createVersion} fails with {@link ErrorCode#VERSION_CONFLICT} naming the files. Changes to
 * other files go through on top of the latest version. Two writers racing for the same latest version are
 * serialized by the store; the loser's changes are checked again against the winner's version.
 *
 * <p>Example:
 * <pre>{@code
 * CapsuleVersioning versioning = CapsuleVersioning.builder().store(store).validator(CompositeValidator.discover()).build();
 * VersionedCapsule v2 = versioning.createVersion("c-42",
 *     ChangeSet.of(List.of(FileChange.modify("src/main/java/demo/Adder.java", fixed))).basedOn(1),
 *     VersionMetadata.of("ada", "fix overflow"));
 * versioning.diff("c-42", 1, 2).forEach(d -> System.out.print(d.unifiedDiff()));
 * }</pre>
 */
public final class CapsuleVersioning {

    /** How often a change set is applied again when another writer stored a version first. */
    private static final int MAX_RACES = 5;

    private final CapsuleStore store;
    private final Validator validator;
    private final Clock clock;

    private CapsuleVersioning(CapsuleStore store, Validator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies {@code changes} to the latest version, validates, and stores the result as a new version.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND}, {@link ErrorCode#VERSION_NOT_FOUND}
     *     (base version unknown), {@link ErrorCode#VERSION_CONFLICT} (a touched file changed since the base),
     *     {@link ErrorCode#INVALID_REQUEST} (a change that does not fit the files, such as modifying a missing file),
     *     or {@link ErrorCode#CONFIGURATION} (no validator for the capsule's language)
     */
    public VersionedCapsule createVersion(String capsuleId, ChangeSet changes, VersionMetadata metadata) {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(metadata, "metadata");
        // Without a base, the changes were written against the latest version as first read here; a retry after
        // losing a race keeps that base, so the winner's edits to the same files are a conflict, not overwritten.
        Integer firstBase = changes.baseVersion();
        for (int race = 1; ; race++) {
            VersionedCapsule latest = latest(capsuleId);
            int latestNumber = latest.version().number();
            int baseNumber = firstBase == null ? latestNumber : firstBase;
            firstBase = baseNumber;
            Capsule base = baseNumber == latestNumber ? latest.capsule() : version(capsuleId, baseNumber, latestNumber);
            ChangeApplier.checkConflicts(changes, base, baseNumber, latest.capsule(), latestNumber);
            List<CapsuleFile> files = ChangeApplier.apply(changes, latest.capsule());
            Capsule next = revalidated(latest.capsule(), files);
            try {
                CapsuleVersion stored = store.append(next, latestNumber, metadata);
                return new VersionedCapsule(stored, next);
            } catch (QlpException e) {
                if (e.errorCode() != ErrorCode.VERSION_CONFLICT || race >= MAX_RACES) {
                    throw e;
                }
                // Another writer stored a version first; check these changes against it and try again.
            }
        }
    }

    /** The versions of the capsule, oldest first; empty when no capsule has this id. */
    public List<CapsuleVersion> history(String capsuleId) {
        return store.history(capsuleId);
    }

    /**
     * The capsule in the given version.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND} or {@link ErrorCode#VERSION_NOT_FOUND}
     */
    public Capsule capsule(String capsuleId, int version) {
        List<CapsuleVersion> history = requireHistory(capsuleId);
        return version(capsuleId, version, history.get(history.size() - 1).number());
    }

    /**
     * The files that differ between two versions, sorted by path, each with a unified diff; {@code from} may be
     * newer than {@code to}, which shows the changes undone.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND} or {@link ErrorCode#VERSION_NOT_FOUND}
     */
    public List<FileDiff> diff(String capsuleId, int from, int to) {
        List<CapsuleVersion> history = requireHistory(capsuleId);
        int latest = history.get(history.size() - 1).number();
        return UnifiedDiffs.between(version(capsuleId, from, latest), from, version(capsuleId, to, latest), to);
    }

    private Capsule revalidated(Capsule latest, List<CapsuleFile> files) {
        var language = latest.request().language();
        if (!validator.supports(language)) {
            throw new NonRetriableQlpException(ErrorCode.CONFIGURATION, "no validator supports " + language.id()
                    + ", so a new version of capsule '" + latest.id() + "' cannot be validated",
                    ErrorContext.empty().withStage(Stage.VALIDATE).withCapsuleId(latest.id()),
                    Map.of("language", language.id()), null);
        }
        ValidationReport report = validator.validate(new ValidationTarget(files, language));
        Manifest old = latest.manifest();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, clock.instant(), old.languages(),
                Manifests.hashes(files), old.tiersUsed(), CapsuleGenerator.version(), old.memoriesUsed());
        return latest.toBuilder().files(files).manifest(manifest).validation(report)
                .status(report.passed() ? CapsuleStatus.VALIDATED : CapsuleStatus.FAILED_VALIDATION).build();
    }

    private VersionedCapsule latest(String capsuleId) {
        List<CapsuleVersion> history = requireHistory(capsuleId);
        CapsuleVersion newest = history.get(history.size() - 1);
        Capsule capsule = store.findVersion(capsuleId, newest.number()).orElseThrow(() -> notFound(capsuleId));
        return new VersionedCapsule(newest, capsule);
    }

    private List<CapsuleVersion> requireHistory(String capsuleId) {
        List<CapsuleVersion> history = store.history(Objects.requireNonNull(capsuleId, "capsuleId"));
        if (history.isEmpty()) {
            throw notFound(capsuleId);
        }
        return history;
    }

    private Capsule version(String capsuleId, int number, int latest) {
        return store.findVersion(capsuleId, number).orElseThrow(() -> new NonRetriableQlpException(
                ErrorCode.VERSION_NOT_FOUND, "capsule '" + capsuleId + "' has no version " + number + "; its versions"
                + " are 1 to " + latest, ErrorContext.empty().withCapsuleId(capsuleId),
                Map.of("capsuleId", capsuleId, "version", number, "latestVersion", latest), null));
    }

    private static NonRetriableQlpException notFound(String capsuleId) {
        return new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no capsule has id '" + capsuleId + "'",
                ErrorContext.empty().withCapsuleId(capsuleId), Map.of("capsuleId", capsuleId), null);
    }

    /** Builds {@link CapsuleVersioning}; the store and the validator are required. */
    public static final class Builder {
        private @Nullable CapsuleStore store;
        private @Nullable Validator validator;
        private @Nullable Clock clock;

        private Builder() {
        }

        /** Where the versions are kept. */
        public Builder store(CapsuleStore value) {
            if (store != null) {
                throw new IllegalStateException("store was already set to " + store);
            }
            store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Checks each new version, such as the generator's {@code CompositeValidator.discover()}. */
        public Builder validator(Validator value) {
            if (validator != null) {
                throw new IllegalStateException("validator was already set to " + validator.name());
            }
            validator = Objects.requireNonNull(value, "validator");
            return this;
        }

        /** The clock for new manifests; default the system clock. */
        public Builder clock(Clock value) {
            if (clock != null) {
                throw new IllegalStateException("clock was already set to " + clock);
            }
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The service.
         *
         * @throws IllegalStateException when the store or the validator is missing
         */
        public CapsuleVersioning build() {
            if (store == null || validator == null) {
                throw new IllegalStateException("store and validator must be set; missing: "
                        + (store == null ? "store " : "") + (validator == null ? "validator" : ""));
            }
            return new CapsuleVersioning(store, validator, clock != null ? clock : Clock.systemUTC());
        }
    }
}
