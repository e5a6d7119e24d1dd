package io.qlp.server.web;

import io.qlp.api.Capsule;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleExporter;
import io.qlp.server.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code POST /v1/capsule/{id}/export/{format}}: streams the capsule (latest, or {@code ?version=N}) as a {@code zip}
 * or {@code tar.gz} archive with its manifest and validation report, signed when {@code qlp.export.signing} is set.
 *
 * <p>Example: {@code curl -X POST -H 'X-API-Key: KEY' -o c.zip http://127.0.0.1:8080/v1/capsule/ID/export/zip}
 */
@RestController
@Tag(name = "export")
public class ExportController {

    private final TenantCapsules capsules;
    private final Map<String, CapsuleExporter> exporters;

    /** A controller exporting with {@code exporters}, by format name. */
    public ExportController(TenantCapsules capsules, Map<String, CapsuleExporter> capsuleExporters) {
        this.capsules = capsules;
        this.exporters = Map.copyOf(capsuleExporters);
    }

    /** The archive. */
    @PostMapping(path = "/v1/capsule/{id}/export/{format}")
    @Operation(summary = "Export a capsule", description = "format: zip or tar.gz")
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String id, @PathVariable String format,
                                                        @RequestParam(required = false) @Nullable Integer version,
                                                        HttpServletRequest http) {
        CapsuleExporter exporter = exporters.get(format);
        if (exporter == null) {
            throw new NonRetriableQlpException(ErrorCode.INVALID_REQUEST, "unknown export format '" + format
                    + "'; expected one of " + exporters.keySet().stream().sorted().toList(), Map.of("field", "format"));
        }
        String tenant = Tenant.of(http).name();
        Capsule capsule = version == null ? capsules.require(tenant, id) : capsules.requireVersion(tenant, id, version);
        MediaType type = format.equals("zip") ? MediaType.parseMediaType("application/zip")
                : MediaType.parseMediaType("application/gzip");
        String name = "capsule-" + id + (version == null ? "" : "-v" + version) + "." + exporter.fileExtension();
        StreamingResponseBody body = out -> exporter.export(capsule, out);
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(body);
    }
}
