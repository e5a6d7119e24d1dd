package io.qlp.server.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.QlpException;
import io.qlp.core.json.CapsuleJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly: unknown fields, wrong types and malformed JSON are
 * {@link ErrorCode#INVALID_REQUEST} errors that name the field and position, without Java class names.
 *
 * <p>Example: {@code GenerateBody body = RequestBodies.read(json, GenerateBody.class);}
 */
public final class RequestBodies {

    private static final ObjectMapper STRICT = CapsuleJson.mapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {
    }

    /**
     * Reads {@code json} as {@code type}.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#INVALID_REQUEST}, or the code of a check the value ran
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw invalid("the request body is empty; send a JSON object", Map.of());
        }
        try {
            T value = STRICT.readValue(json, type);
            if (value == null) {
                throw invalid("the request body must be a JSON object, not null", Map.of());
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw invalid("unknown field '" + e.getPropertyName() + "'; accepted fields: " + known,
                    Map.of("field", e.getPropertyName()));
        } catch (JsonParseException e) {
            throw invalid("the request body is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr(), position(e));
        } catch (MismatchedInputException e) {
            QlpException cause = qlpCause(e);
            if (cause != null) {
                throw cause;
            }
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw invalid(field.isEmpty() ? "the request body must be a JSON object"
                    : "field '" + field + "' has the wrong type or value", field.isEmpty() ? Map.of()
                    : Map.of("field", field));
        } catch (JsonProcessingException e) {
            QlpException cause = qlpCause(e);
            if (cause != null) {
                throw cause;
            }
            throw invalid("the request body could not be read as JSON", position(e));
        }
    }

    private static Map<String, Object> position(JsonProcessingException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (e.getLocation() != null) {
            details.put("line", e.getLocation().getLineNr());
            details.put("column", e.getLocation().getColumnNr());
        }
        return details;
    }

    private static @org.jspecify.annotations.Nullable QlpException qlpCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof QlpException qlp) {
                return qlp;
            }
        }
        return null;
    }

    private static NonRetriableQlpException invalid(String message, Map<String, ?> details) {
        return new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, message, details);
    }
}
