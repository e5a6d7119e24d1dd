package io.qlp.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.ProviderConfig;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.api.spi.ValidatorFactory;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.CompositeValidator;
import io.qlp.core.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationSettingsTest {

    static QlpSettings settings(Map<String, Object> validation) {
        return QlpSettings.fromMap(Map.of("qlp", Map.of("validation", validation)));
    }

    @Test
    void should_read_disabled_names_and_string_properties_when_parsed_from_a_map() {
        QlpSettings settings = settings(Map.of("disabled", List.of("security"), "validators", Map.of(
                "java", Map.of("test-timeout", "30s"),
                "python", Map.of("warm-pool", false, "test-timeout", 20),
                "security", Map.of("disabled-rules", List.of("python.subprocess", "js.eval")))));

        ValidationSettings validation = settings.validation();
        assertThat(validation.disabled()).containsExactly("security");
        assertThat(validation.validators()).containsOnlyKeys("java", "python", "security");
        assertThat(validation.validators().get("java")).containsExactly(Map.entry("test-timeout", "30s"));
        assertThat(validation.validators().get("python"))
                .containsOnly(Map.entry("warm-pool", "false"), Map.entry("test-timeout", "20"));
        assertThat(validation.validators().get("security"))
                .containsExactly(Map.entry("disabled-rules", "python.subprocess,js.eval"));
    }

    @Test
    void should_default_to_every_validator_when_the_section_is_absent() {
        QlpSettings settings = QlpSettings.fromMap(Map.of("qlp", Map.of()));

        assertThat(settings.validation()).isEqualTo(ValidationSettings.defaults());
        assertThat(QlpSettings.empty().validation()).isEqualTo(ValidationSettings.defaults());
    }

    @Test
    void should_split_disabled_names_when_given_as_one_comma_separated_value() {
        assertThat(settings(Map.of("disabled", "security, javascript")).validation().disabled())
                .containsExactly("security", "javascript");
    }

    @Test
    void should_name_the_key_when_the_section_has_an_unknown_key() {
        assertThatThrownBy(() -> settings(Map.of("disable", List.of("security"))))
                .isInstanceOfSatisfying(QlpException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION))
                .hasMessageContaining("disable");
    }

    @Test
    void should_hand_each_factory_its_properties_when_validators_are_created() {
        RecordingFactory java = new RecordingFactory("java");
        RecordingFactory python = new RecordingFactory("python");
        ValidationSettings settings = new ValidationSettings(List.of(),
                Map.of("python", Map.of("warm-pool", "false", "test-timeout", "20s")));

        List<Validator> created = settings.create(List.of(java, python));

        assertThat(created).extracting(Validator::name).containsExactly("java", "python");
        assertThat(java.configs).containsExactly(ProviderConfig.empty());
        assertThat(python.configs).containsExactly(ProviderConfig.of(Map.of("warm-pool", "false",
                "test-timeout", "20s")));
    }

    @Test
    void should_leave_a_validator_out_when_it_is_disabled() {
        CompositeValidator all = CompositeValidator.discover();
        CompositeValidator withoutSecurity = CompositeValidator.discover(
                new ValidationSettings(List.of("security"), Map.of()));

        assertThat(all.name()).contains("security");
        assertThat(withoutSecurity.name()).doesNotContain("security").contains("java");
    }

    @Test
    void should_list_the_known_validators_when_a_configured_name_matches_none() {
        ValidationSettings settings = new ValidationSettings(List.of(), Map.of("pyton", Map.of("warm-pool", "false")));

        assertThatThrownBy(() -> CompositeValidator.discover(settings))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.validation.validators.pyton");
                    assertThat(e.getMessage()).contains("pyton").contains("java").contains("python")
                            .contains("javascript").contains("security");
                });
    }

    @Test
    void should_list_the_known_validators_when_a_disabled_name_matches_none() {
        ValidationSettings settings = new ValidationSettings(List.of("securty"), Map.of());

        assertThatThrownBy(() -> CompositeValidator.discover(settings))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.validation.disabled");
                    assertThat(e.getMessage()).contains("securty").contains("security");
                });
    }

    @Test
    void should_name_the_key_when_a_factory_rejects_a_value() {
        ValidationSettings settings = new ValidationSettings(List.of(),
                Map.of("python", Map.of("test-timeout", "soon", "warm-pool", "true")));

        assertThatThrownBy(() -> CompositeValidator.discover(settings))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.validation.validators.python.test-timeout");
                    assertThat(e.getMessage()).contains("qlp.validation.validators.python.test-timeout: property")
                            .contains("soon");
                });
    }

    @Test
    void should_list_the_validator_properties_when_a_property_name_is_misspelt() {
        ValidationSettings settings = new ValidationSettings(List.of(),
                Map.of("java", Map.of("test-timout", "30s")));

        assertThatThrownBy(() -> CompositeValidator.discover(settings))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.details()).containsEntry("key", "qlp.validation.validators.java.test-timout");
                    assertThat(e.getMessage()).contains("test-timout").contains("test-timeout");
                });
    }

    @Test
    void should_build_the_validators_when_every_property_is_one_their_factories_declare() {
        ValidationSettings settings = new ValidationSettings(List.of(), Map.of(
                "java", Map.of("test-timeout", "30s"),
                "python", Map.of("test-timeout", "20s", "warm-pool", "false", "autoload-plugins", "false"),
                "javascript", Map.of("test-timeout", "20s", "warm-pool", "false"),
                "security", Map.of("entropy-threshold", "4.5", "disabled-rules", "js.eval")));

        assertThat(CompositeValidator.discover(settings).name())
                .contains("java", "python", "javascript", "security");
    }

    @Test
    void should_name_the_key_when_the_factory_message_uses_the_builder_name() {
        // JavaValidator's builder says "testTimeout must be positive", without the property name.
        ValidationSettings settings = new ValidationSettings(List.of(), Map.of("java", Map.of("test-timeout", "0s")));

        assertThatThrownBy(() -> CompositeValidator.discover(settings))
                .isInstanceOfSatisfying(QlpException.class, e -> assertThat(e.details())
                        .containsEntry("key", "qlp.validation.validators.java.test-timeout"));
    }

    @Test
    void should_leave_the_generator_without_the_disabled_validators_when_built_from_settings() {
        QlpSettings settings = QlpSettings.fromMap(Map.of("qlp", Map.of(
                "tiers", Map.of("t0", Map.of("base-url", "http://127.0.0.1:1/v1", "api-key", "x", "model", "small")),
                "validation", Map.of("disabled", List.of("python", "security")))));
        CapsuleGenerator generator = GeneratorFactory.builderFrom(settings, Map.<String, String>of()::get).build();
        CapsuleRequest python = CapsuleRequest.builder().description("A function that adds two numbers, with tests")
                .language(Language.PYTHON).build();

        // Checked before any model call, so the unreachable endpoint is never asked.
        assertThatThrownBy(() -> generator.generate(python))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("no validator supports python").doesNotContain("security");
                });
    }

    @Test
    void should_fail_the_generator_build_when_settings_name_an_unknown_validator() {
        CapsuleGenerator.Builder builder = CapsuleGenerator.builder().tier(Tier.T0, ScriptedChatModel.answering())
                .validation(new ValidationSettings(List.of("kotlin"), Map.of()));

        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION);
                    assertThat(e.getMessage()).contains("kotlin");
                });
    }

    @Test
    void should_ignore_the_settings_when_validators_are_given() {
        CapsuleGenerator.Builder builder = CapsuleGenerator.builder().tier(Tier.T0, ScriptedChatModel.answering())
                .validation(new ValidationSettings(List.of("kotlin"), Map.of()))
                .validator(new RecordingFactory("java").create(ProviderConfig.empty()));

        // The unknown name would fail discovery, which the given validator replaces.
        assertThatCode(builder::build).doesNotThrowAnyException();
    }

    /** A factory that remembers the configuration of each validator it builds. */
    static final class RecordingFactory implements ValidatorFactory {
        final List<ProviderConfig> configs = new ArrayList<>();
        private final String name;

        RecordingFactory(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Validator create(ProviderConfig config) {
            configs.add(config);
            return new Validator() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean supports(Language language) {
                    return true;
                }

                @Override
                public ValidationReport validate(ValidationTarget target) {
                    return ValidationReport.empty();
                }
            };
        }
    }
}
