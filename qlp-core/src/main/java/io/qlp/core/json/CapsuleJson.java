package io.qlp.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qlp.api.Capsule;
import io.qlp.api.ErrorCode;
import io.qlp.api.ErrorContext;
import io.qlp.api.Language;
import io.qlp.api.Manifest;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.api.ValidationReport;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of capsules, manifests and validation reports, through one shared, configured Jackson mapper:
 * records by their components, {@link java.time.Instant} as ISO-8601 strings, {@link java.math.BigDecimal} as plain
 * numbers, {@link Language} as its id ({@code "java"}), other enums by name, map keys sorted, nulls left out, and
 * a {@code passed} flag written (not read) on validation reports. Output uses {@code \n} line ends on every OS.
 *
 * <p>Example:
 * <pre>{@code
 * Files.writeString(dir.resolve("capsule.json"), CapsuleJson.writeManifest(capsule.manifest()));
 * Capsule back = CapsuleJson.readCapsule(CapsuleJson.write(capsule));
 * }</pre>
 */
public final class CapsuleJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(qlpModule())
            .addMixIn(ValidationReport.class, ValidationReportMixin.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Newer capsule.json files may carry fields this version does not know; reading them must still work.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());
    private static final ObjectWriter COMPACT = MAPPER.writer();
    /** Weak keys compare by identity, so a lookup never hashes a whole capsule. */
    private static final Cache<Capsule, String> COMPACT_BY_INSTANCE = Caffeine.newBuilder()
            .weakKeys()
            .maximumSize(256)
            .build();

    private CapsuleJson() {
    }

    /** A copy of the configured mapper, for callers that write other types the same way. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /** The capsule as pretty-printed JSON. */
    public static String write(Capsule capsule) {
        return write(PRETTY, capsule, "capsule");
    }

    /**
     * The capsule as JSON on one line, for stores and the wire. Capsules are deeply immutable, so the text of a
     * capsule instance written recently is kept (by identity, weakly) and returned again: a server reading the same
     * capsule from a cached store answers repeated requests without serializing it each time.
     */
    public static String writeCompact(Capsule capsule) {
        String written = COMPACT_BY_INSTANCE.getIfPresent(capsule);
        if (written == null) {
            written = write(COMPACT, capsule, "capsule");
            COMPACT_BY_INSTANCE.put(capsule, written);
        }
        return written;
    }

    /**
     * Reads a capsule written by {@link #write(Capsule)} or {@link #writeCompact(Capsule)}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the JSON is malformed or a value
     *     is invalid, or with the value's own code (such as {@link ErrorCode#UNSAFE_PATH}) when a check fails
     */
    public static Capsule readCapsule(String json) {
        return read(json, Capsule.class, "capsule");
    }

    /** The manifest as pretty-printed JSON, the content of {@code capsule.json}. */
    public static String writeManifest(Manifest manifest) {
        return write(PRETTY, manifest, "manifest");
    }

    /**
     * Reads a manifest, such as the content of {@code capsule.json}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the JSON is malformed or invalid
     */
    public static Manifest readManifest(String json) {
        return read(json, Manifest.class, "manifest");
    }

    /** The validation report as pretty-printed JSON, with a {@code passed} flag. */
    public static String writeReport(ValidationReport report) {
        return write(PRETTY, report, "validation report");
    }

    /**
     * Reads a validation report; its {@code passed} flag is ignored, since it follows from the stages.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST} when the JSON is malformed or invalid
     */
    public static ValidationReport readReport(String json) {
        return read(json, ValidationReport.class, "validation report");
    }

    private static String write(ObjectWriter writer, Object value, String what) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Every value written here is a plain record of qlp-api, so failing to write one is a bug.
            throw new NonRetriableQlpException(ErrorCode.INTERNAL, "cannot write " + what + " as JSON: "
                    + e.getOriginalMessage(), ErrorContext.empty(), Map.of("document", what), e);
        }
    }

    private static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            QlpException checked = qlpCause(e);
            if (checked != null) {
                throw checked;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("document", what);
            JsonLocation location = e.getLocation();
            if (location != null) {
                details.put("line", location.getLineNr());
                details.put("column", location.getColumnNr());
            }
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "invalid " + what + " JSON: "
                    + e.getOriginalMessage(), ErrorContext.empty(), details, e);
        }
    }

    private static @Nullable QlpException qlpCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof QlpException qlp) {
                return qlp;
            }
        }
        return null;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static SimpleModule qlpModule() {
        SimpleModule module = new SimpleModule("qlp");
        module.addSerializer(Language.class, new LanguageSerializer());
        module.addDeserializer(Language.class, new LanguageDeserializer());
        return module;
    }

    /** Writes {@code passed} for readers of the report; it is derived, so reading ignores it. */
    private abstract static class ValidationReportMixin {
        @JsonProperty(value = "passed", access = JsonProperty.Access.READ_ONLY)
        abstract boolean passed();
    }

    /** Writes a language as its lower-case id, the form used in configuration and the CLI. */
    private static final class LanguageSerializer extends StdScalarSerializer<Language> {
        private static final long serialVersionUID = 1L;

        LanguageSerializer() {
            super(Language.class);
        }

        @Override
        public void serialize(Language value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.id());
        }
    }

    /** Reads a language id or alias, and also the enum name older writers used. */
    private static final class LanguageDeserializer extends StdScalarDeserializer<Language> {
        private static final long serialVersionUID = 1L;

        LanguageDeserializer() {
            super(Language.class);
        }

        @Override
        public Language deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return (Language) context.handleUnexpectedToken(Language.class, parser);
            }
            return Language.fromId(text);
        }
    }
}
