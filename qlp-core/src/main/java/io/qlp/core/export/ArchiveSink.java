package io.qlp.core.export;

import java.io.IOException;
import java.time.Instant;

/** Where an archive exporter puts entries, one after the other: a zip or a tar.gz stream. */
interface ArchiveSink {

    /** Writes one file entry stamped with {@code time}. */
    void put(String name, byte[] content, Instant time) throws IOException;

    /** Completes the archive without closing the caller's stream. */
    void finish() throws IOException;
}
