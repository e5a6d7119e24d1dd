package io.qlp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapsuleRequestTest {

    static void assertInvalid(Runnable build, String field) {
        assertThatThrownBy(build::run).isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.details()).containsEntry("field", field);
        });
    }

    @Test
    void should_reject_an_empty_or_blank_description() {
        assertInvalid(() -> CapsuleRequest.builder().description("").build(), "description");
        assertInvalid(() -> CapsuleRequest.builder().description(" \n\t").build(), "description");
        assertInvalid(() -> CapsuleRequest.builder().build(), "description");
    }

    @Test
    void should_reject_a_description_over_the_limit_naming_the_limit() {
        String tooLong = "x".repeat(CapsuleRequest.MAX_DESCRIPTION_LENGTH + 1);

        assertThatThrownBy(() -> CapsuleRequest.builder().description(tooLong).build())
                .hasMessageContaining(String.valueOf(CapsuleRequest.MAX_DESCRIPTION_LENGTH));
        assertThat(CapsuleRequest.builder().description("x".repeat(CapsuleRequest.MAX_DESCRIPTION_LENGTH)).build()
                .description()).hasSize(CapsuleRequest.MAX_DESCRIPTION_LENGTH);
    }

    @Test
    void should_reject_an_unknown_language_naming_it() {
        assertThatThrownBy(() -> Language.fromId("cobol"))
                .isInstanceOfSatisfying(NonRetriableQlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.details()).containsEntry("value", "cobol");
                    assertThat(e.getMessage()).contains("cobol").contains("java");
                });
        assertThat(Language.fromId(" JS ")).isEqualTo(Language.JAVASCRIPT);
    }

    @Test
    void should_reject_blank_requirements_and_a_non_positive_budget() {
        assertInvalid(() -> CapsuleRequest.builder().description("x").requirement(" ").build(), "requirements");
        assertInvalid(() -> CapsuleRequest.builder().description("x").budgetUsd(BigDecimal.ZERO).build(), "budgetUsd");
    }

    @Test
    void should_copy_its_lists_defensively_and_round_trip_through_to_builder() {
        List<String> requirements = new ArrayList<>(List.of("reject negative values"));
        CapsuleRequest request = CapsuleRequest.builder().description("durations").requirements(requirements)
                .language(Language.PYTHON).tierOverride(Tier.T2).metadata("team", "core").build();
        requirements.add("changed later");

        assertThat(request.requirements()).containsExactly("reject negative values");
        assertThat(request.toBuilder().build()).isEqualTo(request);
        assertThatThrownBy(() -> request.requirements().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
