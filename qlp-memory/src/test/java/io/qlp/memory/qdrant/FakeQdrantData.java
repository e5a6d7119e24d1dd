package io.qlp.memory.qdrant;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Vector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the loopback Qdrant keeps: collections of points, each with one unnamed dense vector, a payload, collection
 * metadata and keyword payload indexes. It follows Qdrant's documented behaviour for the parts QLP uses: cosine
 * vectors are normalised when stored, ids are unsigned integers or UUIDs, filters match payload paths such as
 * {@code metadata.language} exactly, and errors carry the gRPC status codes Qdrant's server maps its storage errors
 * to ({@code NOT_FOUND}, {@code ALREADY_EXISTS}, {@code INVALID_ARGUMENT}).
 */
final class FakeQdrantData {

    /** One stored point. */
    record StoredPoint(PointId id, float[] vector, Map<String, Value> payload) {
    }

    /** One collection. */
    static final class FakeCollection {
        final String name;
        final int size;
        final Distance distance;
        final Map<String, Value> metadata;
        final Set<String> keywordIndexes = new TreeSet<>();
        final Map<String, StoredPoint> points = new LinkedHashMap<>();

        FakeCollection(String name, int size, Distance distance, Map<String, Value> metadata) {
            this.name = name;
            this.size = size;
            this.distance = distance;
            this.metadata = Map.copyOf(metadata);
        }

        /** The stored form of a vector: normalised for cosine, as Qdrant does on upload. */
        float[] stored(float[] vector) {
            if (distance != Distance.Cosine) {
                return vector.clone();
            }
            double norm = 0;
            for (float v : vector) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            float[] unit = new float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                unit[i] = norm == 0 ? 0f : (float) (vector[i] / norm);
            }
            return unit;
        }

        /** The score of a stored point for a query vector; higher is closer for both modelled distances. */
        float score(float[] query, float[] storedVector) {
            float[] q = stored(query);
            double dot = 0;
            for (int i = 0; i < q.length; i++) {
                dot += (double) q[i] * storedVector[i];
            }
            return (float) dot;
        }

        void requireDimension(int actual) {
            if (actual != size) {
                throw invalid("Wrong input: Vector dimension error: expected dim: " + size + ", got " + actual);
            }
        }
    }

    final Map<String, FakeCollection> collections = new ConcurrentHashMap<>();

    FakeCollection collection(String name) {
        FakeCollection collection = collections.get(name);
        if (collection == null) {
            throw new StatusRuntimeException(Status.NOT_FOUND.withDescription(
                    "Not found: Collection `" + name + "` doesn't exist!"));
        }
        return collection;
    }

    /** The canonical key of a point id: Qdrant treats a UUID in any case as the same id. */
    static String key(PointId id) {
        return switch (id.getPointIdOptionsCase()) {
            case NUM -> "n:" + id.getNum();
            case UUID -> {
                try {
                    yield "u:" + UUID.fromString(id.getUuid());
                } catch (IllegalArgumentException e) {
                    throw invalid("Unable to parse UUID: " + id.getUuid());
                }
            }
            case POINTIDOPTIONS_NOT_SET -> throw invalid("Wrong input: point id is not set");
        };
    }

    static float[] dense(Vector vector) {
        List<Float> data;
        if (vector.hasDense()) {
            data = vector.getDense().getDataList();
        } else if (vector.getVectorCase() == Vector.VectorCase.VECTOR_NOT_SET && vector.getDataCount() > 0
                && !vector.hasIndices() && !vector.hasVectorsCount()) {
            data = deprecatedData(vector); // clients before 1.13 send the deprecated flat field
        } else {
            throw unimplemented("only dense vectors are modelled, got " + vector.getVectorCase());
        }
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i);
        }
        return values;
    }

    @SuppressWarnings("deprecation")
    private static List<Float> deprecatedData(Vector vector) {
        return vector.getDataList();
    }

    /** Whether a point's payload satisfies a filter, as Qdrant evaluates must, should and must_not. */
    static boolean matches(@Nullable Filter filter, StoredPoint point) {
        if (filter == null) {
            return true;
        }
        if (filter.hasMinShould()) {
            throw unimplemented("min_should is not modelled");
        }
        for (Condition condition : filter.getMustList()) {
            if (!matches(condition, point)) {
                return false;
            }
        }
        for (Condition condition : filter.getMustNotList()) {
            if (matches(condition, point)) {
                return false;
            }
        }
        if (filter.getShouldCount() > 0) {
            for (Condition condition : filter.getShouldList()) {
                if (matches(condition, point)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }

    private static boolean matches(Condition condition, StoredPoint point) {
        return switch (condition.getConditionOneOfCase()) {
            case FIELD -> matches(condition.getField(), point.payload());
            case FILTER -> matches(condition.getFilter(), point);
            case HAS_ID -> condition.getHasId().getHasIdList().stream().anyMatch(id -> key(id).equals(key(point.id())));
            default -> throw unimplemented("condition " + condition.getConditionOneOfCase() + " is not modelled");
        };
    }

    private static boolean matches(FieldCondition field, Map<String, Value> payload) {
        if (!field.hasMatch() || field.hasRange() || field.hasGeoBoundingBox() || field.hasGeoRadius()
                || field.hasValuesCount() || field.hasGeoPolygon() || field.hasDatetimeRange() || field.hasIsEmpty()
                || field.hasIsNull()) {
            throw unimplemented("only match conditions are modelled");
        }
        List<Value> values = valuesAt(field.getKey(), payload);
        Match match = field.getMatch();
        return switch (match.getMatchValueCase()) {
            case KEYWORD -> values.stream().anyMatch(v -> v.hasStringValue()
                    && v.getStringValue().equals(match.getKeyword()));
            case KEYWORDS -> values.stream().anyMatch(v -> v.hasStringValue()
                    && match.getKeywords().getStringsList().contains(v.getStringValue()));
            case INTEGER -> values.stream().anyMatch(v -> v.hasIntegerValue()
                    && v.getIntegerValue() == match.getInteger());
            case BOOLEAN -> values.stream().anyMatch(v -> v.hasBoolValue() && v.getBoolValue() == match.getBoolean());
            default -> throw unimplemented("match " + match.getMatchValueCase() + " is not modelled");
        };
    }

    /** The values at a dotted payload path; an array at the end contributes each element, as in Qdrant. */
    private static List<Value> valuesAt(String path, Map<String, Value> payload) {
        if (path.isEmpty() || path.contains("[") || path.contains("\"")) {
            throw unimplemented("payload path '" + path + "' is not modelled (only plain dotted keys)");
        }
        String[] parts = path.split("\\.", -1);
        Value current = null;
        Map<String, Value> level = payload;
        for (int i = 0; i < parts.length; i++) {
            current = level.get(parts[i]);
            if (current == null) {
                return List.of();
            }
            if (i < parts.length - 1) {
                if (!current.hasStructValue()) {
                    return List.of();
                }
                level = current.getStructValue().getFieldsMap();
            }
        }
        if (current.hasListValue()) {
            return current.getListValue().getValuesList();
        }
        return List.of(current);
    }

    static StatusRuntimeException invalid(String message) {
        return new StatusRuntimeException(Status.INVALID_ARGUMENT.withDescription(message));
    }

    static StatusRuntimeException unimplemented(String message) {
        return new StatusRuntimeException(Status.UNIMPLEMENTED.withDescription("loopback Qdrant: " + message));
    }
}
