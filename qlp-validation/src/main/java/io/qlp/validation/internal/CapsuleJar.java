package io.qlp.validation.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes compiled classes and resources into one jar, so a test run needs one file instead of one per class.
 *
 * <p>Example: {@code CapsuleJar.write(workDir.resolve("capsule.jar"), compiled.classes(), sources.resources());}
 */
public final class CapsuleJar {

    private CapsuleJar() {
    }

    /** Writes {@code classes} (by binary name) and {@code resources} (by entry name) to {@code jar}. */
    public static void write(Path jar, Map<String, byte[]> classes, Map<String, String> resources)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            Set<String> written = new HashSet<>();
            for (Map.Entry<String, byte[]> type : classes.entrySet()) {
                String name = type.getKey().replace('.', '/') + ".class";
                written.add(name);
                put(out, name, type.getValue());
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                // A resource may not replace a compiled class.
                if (written.add(resource.getKey())) {
                    put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
