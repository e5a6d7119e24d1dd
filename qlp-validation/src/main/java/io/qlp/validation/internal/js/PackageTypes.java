package io.qlp.validation.internal.js;

import io.qlp.api.CapsuleFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module kind Node gives {@code .js} files: the {@code "type"} field of the nearest {@code package.json} in the
 * capsule. Only the values {@code module} and {@code commonjs} are read, so other {@code "type"} keys nested in the
 * file (such as a repository's {@code "git"}) are not mistaken for it.
 *
 * <p>Example: {@code PackageTypes.of(files).typeOf("src/index.js")}
 */
public final class PackageTypes {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(module|commonjs)\"");

    private final Map<String, Type> typeByFolder;

    private PackageTypes(Map<String, Type> typeByFolder) {
        this.typeByFolder = typeByFolder;
    }

    /** Reads the {@code package.json} files among {@code files}. */
    public static PackageTypes of(List<CapsuleFile> files) {
        Map<String, Type> types = new HashMap<>();
        for (CapsuleFile file : files) {
            if (file.path().equals("package.json") || file.path().endsWith("/package.json")) {
                Matcher matcher = TYPE.matcher(file.content());
                Type type = matcher.find()
                        ? (matcher.group(1).equals("module") ? Type.MODULE : Type.COMMONJS) : Type.UNSPECIFIED;
                types.put(folderOf(file.path()), type);
            }
        }
        return new PackageTypes(types);
    }

    /** The type of the {@code package.json} nearest to {@code path}, or {@link Type#UNSPECIFIED}. */
    public Type typeOf(String path) {
        String folder = folderOf(path);
        while (true) {
            Type type = typeByFolder.get(folder);
            if (type != null) {
                return type;
            }
            if (folder.isEmpty()) {
                return Type.UNSPECIFIED;
            }
            folder = folderOf(folder);
        }
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** A {@code package.json}'s module kind. */
    public enum Type {
        /** {@code "type": "module"}: {@code .js} files are ES modules. */
        MODULE,
        /** {@code "type": "commonjs"}: {@code .js} files are CommonJS. */
        COMMONJS,
        /** No {@code package.json}, or no type in it: Node detects the kind from the syntax. */
        UNSPECIFIED
    }
}
