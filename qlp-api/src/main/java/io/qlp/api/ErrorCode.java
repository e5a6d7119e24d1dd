package io.qlp.api;

/**
 * Stable error codes. The {@link #code()} string is part of the wire format
 * ({@code {error:{code,message,details,request_id}}}) and of CLI messages, so it never changes once released.
 *
 * <p>Example: {@code throw new NonRetriableQlpException(ErrorCode.NO_FILES_IN_ANSWER, "answer had no files");}
 */
public enum ErrorCode {
    /** A request value is missing, blank, too long or unknown. */
    INVALID_REQUEST("invalid_request", false),
    /** A file path is absolute, contains {@code ..} or leaves the capsule root. */
    UNSAFE_PATH("unsafe_path", false),
    /** The model's answer contained no file the parser could read. */
    NO_FILES_IN_ANSWER("no_files_in_answer", false),
    /** The provider answered with an error that retrying will not fix (bad request, unknown model). */
    MODEL_ERROR("model_error", false),
    /** The provider rejected the credentials. */
    MODEL_AUTHENTICATION("model_authentication", false),
    /** The provider is down, overloaded or answered with a server error. */
    MODEL_UNAVAILABLE("model_unavailable", true),
    /** The provider asked us to slow down. */
    MODEL_RATE_LIMITED("model_rate_limited", true),
    /** The provider did not answer in time. */
    MODEL_TIMEOUT("model_timeout", true),
    /** The request's budget cannot pay for the next model call. */
    BUDGET_EXCEEDED("budget_exceeded", false),
    /** The validator itself could not run (no JDK compiler, sandbox could not start). */
    VALIDATION_INFRASTRUCTURE("validation_infrastructure", true),
    /** A capsule store could not read or write. */
    STORE_FAILURE("store_failure", true),
    /** No capsule has the given id. */
    CAPSULE_NOT_FOUND("capsule_not_found", false),
    /** An exporter could not write the archive. */
    EXPORT_FAILURE("export_failure", false),
    /** The configuration is missing or inconsistent (no tier configured, unknown provider). */
    CONFIGURATION("configuration", false),
    /** Zero or several SPI providers were found where exactly one was expected. */
    PROVIDER_NOT_FOUND("provider_not_found", false),
    /** Vectors of different dimension or embedding model were mixed. */
    EMBEDDING_MISMATCH("embedding_mismatch", false),
    /** A change was based on a capsule version that has since been changed in the same files, or is not the latest. */
    VERSION_CONFLICT("version_conflict", false),
    /** The capsule exists, but not in the requested version. */
    VERSION_NOT_FOUND("version_not_found", false),
    /** An archive's checksums or signature do not match, or it cannot be read as a capsule archive. */
    ARCHIVE_INVALID("archive_invalid", false),
    /**
     * A task plan could not be used, even after one repair try: the planner's answer was not valid JSON of the
     * documented schema, or its tasks have a dependency cycle or depend on a task that does not exist.
     */
    PLAN_INVALID("plan_invalid", false),
    /** The workflow service (Temporal) that runs generations durably did not answer; the run was not started. */
    ORCHESTRATION_UNAVAILABLE("orchestration_unavailable", true),
    /** A bug in QLP. */
    INTERNAL("internal", false);

    private final String code;
    private final boolean retriable;

    ErrorCode(String code, boolean retriable) {
        this.code = code;
        this.retriable = retriable;
    }

    /** The stable, lower-case code used on the wire. */
    public String code() {
        return code;
    }

    /** Whether an operation failing with this code may succeed when tried again unchanged. */
    public boolean retriable() {
        return retriable;
    }
}
