package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.server.config.ServerProperties;
import io.qlp.server.security.ApiKeys;
import io.qlp.server.security.Tenant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void should_find_the_tenant_of_a_key_from_its_configured_hash_only() {
        ApiKeys keys = ApiKeys.of(List.of(new ServerProperties.ApiKey("acme", ApiKeys.sha256Hex("k1")),
                new ServerProperties.ApiKey("globex", ApiKeys.sha256Hex("k2"))));

        assertThat(keys.authenticate("k2")).map(Tenant::name).hasValue("globex");
        assertThat(keys.authenticate("k2")).map(Tenant::keyId).hasValue(ApiKeys.sha256Hex("k2"));
        assertThat(keys.authenticate("k3")).isEmpty();
        assertThat(keys.authenticate(ApiKeys.sha256Hex("k1"))).as("the hash itself is not a key").isEmpty();
    }

    @Test
    void should_hash_like_sha256sum_when_printing_a_key_hash() {
        assertThat(ApiKeys.sha256Hex("test"))
                .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void should_reject_a_configured_value_that_is_not_a_hash_without_repeating_it() {
        assertThatThrownBy(() -> new ServerProperties.ApiKey("acme", "plain-secret-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits")
                .hasMessageNotContaining("plain-secret-key");
        assertThatThrownBy(() -> new ServerProperties.ApiKey("a b", ApiKeys.sha256Hex("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a b");
    }

    @Test
    void should_reject_the_same_hash_configured_twice() {
        String hash = ApiKeys.sha256Hex("k");
        assertThatThrownBy(() -> ApiKeys.of(List.of(new ServerProperties.ApiKey("a", hash),
                new ServerProperties.ApiKey("b", hash)))).isInstanceOf(IllegalArgumentException.class);
    }
}
