package io.qlp.routing;

import io.qlp.api.CapsuleRequest;

/** The text of a request that similarity is computed on: description, requirements and constraints. */
final class RequestText {

    private RequestText() {
    }

    static String of(CapsuleRequest request) {
        StringBuilder text = new StringBuilder(request.description());
        request.requirements().forEach(r -> text.append('\n').append(r));
        request.constraints().forEach(c -> text.append('\n').append(c));
        return text.toString();
    }
}
