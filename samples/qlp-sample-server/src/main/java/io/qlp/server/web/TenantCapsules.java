package io.qlp.server.web;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.spi.CapsuleQuery;
import io.qlp.api.spi.CapsuleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capsule store as one tenant sees it: a capsule belongs to the tenant named in its request's
 * {@value GenerateBody#TENANT_KEY} metadata, and any other tenant is told it does not exist (404), so ids cannot be
 * probed across tenants.
 *
 * <p>Example: {@code Capsule capsule = capsules.require("acme", id);}
 */
public final class TenantCapsules {

    /** Capsules read from the store per scan step when listing. */
    static final int SCAN_PAGE = 200;

    private final CapsuleStore store;

    /** A view of {@code store}. */
    public TenantCapsules(CapsuleStore store) {
        this.store = store;
    }

    /** The store itself. */
    public CapsuleStore store() {
        return store;
    }

    /** Whether {@code capsule} belongs to {@code tenant}. */
    public static boolean owns(String tenant, Capsule capsule) {
        return owns(tenant, capsule.request());
    }

    /** Whether a capsule generated for {@code request} belongs to {@code tenant}. */
    public static boolean owns(String tenant, CapsuleRequest request) {
        return tenant.equals(request.metadata().get(GenerateBody.TENANT_KEY));
    }

    /** The latest version, if stored and the tenant's. */
    public Optional<Capsule> find(String tenant, String id) {
        return store.find(id).filter(capsule -> owns(tenant, capsule));
    }

    /**
     * The latest version.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND} when missing or another tenant's
     */
    public Capsule require(String tenant, String id) {
        return find(tenant, id).orElseThrow(() -> notFound(id));
    }

    /**
     * The given version.
     *
     * @throws NonRetriableQlpException with {@link ErrorCode#CAPSULE_NOT_FOUND} or {@link ErrorCode#VERSION_NOT_FOUND}
     */
    public Capsule requireVersion(String tenant, String id, int version) {
        require(tenant, id);
        return store.findVersion(id, version).orElseThrow(() -> new NonRetriableQlpException(
                ErrorCode.VERSION_NOT_FOUND, "capsule " + id + " has no version " + version,
                Map.of("capsule_id", id, "version", version)));
    }

    /**
     * The tenant's capsules matching {@code query}'s filters, newest first, from the {@code query}'s offset on: the
     * store is scanned page by page and other tenants' capsules are skipped.
     */
    public List<Capsule> list(String tenant, CapsuleQuery query) {
        List<Capsule> page = new ArrayList<>();
        int skipped = 0;
        CapsuleQuery scan = new CapsuleQuery(query.status(), query.language(), query.createdFrom(),
                query.createdBefore(), query.text(), 0, SCAN_PAGE);
        while (page.size() < query.limit()) {
            List<Capsule> batch = store.list(scan);
            for (Capsule capsule : batch) {
                if (!owns(tenant, capsule)) {
                    continue;
                }
                if (skipped < query.offset()) {
                    skipped++;
                } else if (page.size() < query.limit()) {
                    page.add(capsule);
                }
            }
            if (batch.size() < SCAN_PAGE) {
                break;
            }
            scan = scan.nextPage();
        }
        return page;
    }

    /** The error for an id the tenant cannot see. */
    public static NonRetriableQlpException notFound(String id) {
        return new NonRetriableQlpException(ErrorCode.CAPSULE_NOT_FOUND, "no capsule has the id " + id,
                Map.of("capsule_id", id));
    }
}
