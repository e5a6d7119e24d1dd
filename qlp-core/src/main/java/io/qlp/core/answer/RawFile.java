package io.qlp.core.answer;

import io.qlp.api.FileRole;
import org.jspecify.annotations.Nullable;

/**
 * A file as an answer names it, before its path is normalised and checked.
 *
 * @param path the path as written
 * @param content the content
 * @param role the role the answer gave, or null to guess it from the path
 */
record RawFile(String path, String content, @Nullable FileRole role) {
}
