package io.qlp.validation.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the host programs the sandbox wraps commands with, in the system folders only, so a writable folder
 * early on the caller's PATH cannot replace them.
 *
 * <p>Example: {@code Optional<Path> prlimit = HostTools.find("prlimit");}
 */
public final class HostTools {

    private static final List<String> SYSTEM_FOLDERS =
            List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    private HostTools() {
    }

    /** The executable named {@code name} in a system folder, if there is one. */
    public static Optional<Path> find(String name) {
        return SYSTEM_FOLDERS.stream()
                .map(folder -> Path.of(folder, name))
                .filter(Files::isRegularFile)
                .filter(Files::isExecutable)
                .findFirst();
    }
}
