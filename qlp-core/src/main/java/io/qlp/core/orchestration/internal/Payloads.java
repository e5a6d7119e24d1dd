package io.qlp.core.orchestration.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qlp.core.json.CapsuleJson;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/** The data converter of client and worker: Temporal's default, with JSON written by QLP's own Jackson mapper. */
public final class Payloads {

    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper()));

    private Payloads() {
    }

    /** The converter; client and worker must use the same one. */
    public static DataConverter converter() {
        return CONVERTER;
    }

    // Capsules, reports and requests as capsule.json writes them: Instants as text, languages by id, no nulls.
    private static ObjectMapper mapper() {
        return CapsuleJson.mapper();
    }
}
