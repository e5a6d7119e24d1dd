package io.qlp.core.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

/**
 * New capsule ids: version 7 UUIDs (RFC 9562), whose first 48 bits are the Unix time in milliseconds and whose
 * other 74 bits are random. Ids made later sort later, so a store's indexes on the capsule id grow at one end
 * instead of at random places: an insert changes the newest index page, not a random one, which keeps the B-tree
 * pages a database has to write per commit few (random version 4 ids made the embedded store rewrite pages all
 * over its indexes). The random part keeps ids unguessable.
 *
 * <p>Example: {@code String id = CapsuleIds.next(); // "019ac1b2-7f3e-7a41-9c2d-5e8f0a1b2c3d"}
 */
public final class CapsuleIds {

    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private CapsuleIds() {
    }

    /** A new id, in the canonical 36-character form. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
