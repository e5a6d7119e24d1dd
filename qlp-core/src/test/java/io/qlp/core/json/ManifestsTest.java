package io.qlp.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    @Test
    void should_match_the_published_sha256_vectors() {
        assertThat(Manifests.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Manifests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_hash_the_utf8_bytes_when_content_is_not_ascii() {
        // Reference value from: python3 -c "import hashlib;print(hashlib.sha256('naïve π'.encode()).hexdigest())"
        assertThat(Manifests.sha256Hex("naïve π"))
                .isEqualTo("0222d3fcb4a4627326c004179252c822006d6ce30ee385e1751e060e50a16392");
    }

    @Test
    void should_list_hashes_sorted_by_path_in_an_unmodifiable_map() {
        var hashes = Manifests.hashes(List.of(CapsuleFile.of("z.txt", "abc"), CapsuleFile.of("a/b.txt", "")));

        assertThat(hashes.keySet()).containsExactly("a/b.txt", "z.txt");
        assertThat(hashes.get("z.txt")).isEqualTo(Manifests.sha256Hex("abc"));
        assertThatThrownBy(() -> hashes.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
