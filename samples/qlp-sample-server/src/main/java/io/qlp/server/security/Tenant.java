package io.qlp.server.security;

import java.util.Objects;

/**
 * Who is calling: the tenant a key belongs to, and the key's id (its SHA-256 in hex) for per-key limits.
 *
 * <p>Example: {@code Tenant tenant = Tenant.of(request);}
 *
 * @param name the tenant, such as {@code acme}
 * @param keyId hex SHA-256 of the key; never the key itself
 */
public record Tenant(String name, String keyId) {

    /** The request attribute holding the authenticated tenant. */
    public static final String ATTRIBUTE = Tenant.class.getName();

    /** Rejects nulls. */
    public Tenant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * The tenant the key filter authenticated for this request.
     *
     * @throws IllegalStateException when the request did not pass the key filter, which is a wiring bug
     */
    public static Tenant of(jakarta.servlet.http.HttpServletRequest request) {
        Object tenant = request.getAttribute(ATTRIBUTE);
        if (tenant instanceof Tenant known) {
            return known;
        }
        throw new IllegalStateException("request to " + request.getRequestURI() + " was not authenticated");
    }
}
