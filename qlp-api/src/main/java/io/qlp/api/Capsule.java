package io.qlp.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The result of a generation: files, manifest, validation report, attempts, usage and status.
 *
 * <p>Example:
 * <pre>{@code
 * Capsule capsule = generator.generate(request);
 * if (capsule.status() == CapsuleStatus.VALIDATED) {
 *     capsule.file("src/main/java/Durations.java").ifPresent(f -> System.out.println(f.content()));
 * }
 * }</pre>
 *
 * @param id unique id
 * @param request the request it answers
 * @param files its files, with unique paths
 * @param manifest what it contains and how it was made
 * @param validation the report of the last attempt
 * @param attempts one record per generate-validate round
 * @param usage tokens and cost per tier
 * @param status how it ended
 */
public record Capsule(String id, CapsuleRequest request, List<CapsuleFile> files, Manifest manifest,
                      ValidationReport validation, List<AttemptRecord> attempts, Usage usage, CapsuleStatus status) {

    /** Copies collections, rejects nulls and duplicate paths. */
    public Capsule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(status, "status");
        if (id.isBlank()) {
            throw new IllegalArgumentException("capsule id must not be blank");
        }
        files = List.copyOf(files);
        attempts = List.copyOf(attempts);
        Set<String> paths = new HashSet<>();
        for (CapsuleFile file : files) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException("duplicate file path '" + file.path() + "'");
            }
        }
    }

    /** The file at {@code path}, if present. */
    public Optional<CapsuleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this capsule's values. */
    public Builder toBuilder() {
        return new Builder().id(id).request(request).files(files).manifest(manifest).validation(validation)
                .attempts(attempts).usage(usage).status(status);
    }

    /** Builds {@link Capsule}s. */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable CapsuleRequest request;
        private final List<CapsuleFile> files = new ArrayList<>();
        private @Nullable Manifest manifest;
        private ValidationReport validation = ValidationReport.empty();
        private final List<AttemptRecord> attempts = new ArrayList<>();
        private Usage usage = Usage.none();
        private @Nullable CapsuleStatus status;

        private Builder() {
        }

        /** Unique id. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The request it answers. */
        public Builder request(CapsuleRequest request) {
            this.request = request;
            return this;
        }

        /** Replaces the files. */
        public Builder files(List<CapsuleFile> files) {
            this.files.clear();
            this.files.addAll(files);
            return this;
        }

        /** The manifest. */
        public Builder manifest(Manifest manifest) {
            this.manifest = manifest;
            return this;
        }

        /** The report of the last attempt. */
        public Builder validation(ValidationReport validation) {
            this.validation = validation;
            return this;
        }

        /** Replaces the attempt records. */
        public Builder attempts(List<AttemptRecord> attempts) {
            this.attempts.clear();
            this.attempts.addAll(attempts);
            return this;
        }

        /** Tokens and cost. */
        public Builder usage(Usage usage) {
            this.usage = usage;
            return this;
        }

        /** How it ended. */
        public Builder status(CapsuleStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Builds the capsule.
         *
         * @throws IllegalStateException when id, request, manifest or status is missing
         */
        public Capsule build() {
            if (id == null || request == null || manifest == null || status == null) {
                throw new IllegalStateException("id, request, manifest and status must be set; missing: "
                        + (id == null ? "id " : "") + (request == null ? "request " : "")
                        + (manifest == null ? "manifest " : "") + (status == null ? "status" : ""));
            }
            return new Capsule(id, request, files, manifest, validation, attempts, usage, status);
        }
    }
}
