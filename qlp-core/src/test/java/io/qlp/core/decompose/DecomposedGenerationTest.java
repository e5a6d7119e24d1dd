package io.qlp.core.decompose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.QlpException;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.testing.RespondingChatModel;
import org.junit.jupiter.api.Test;

/** Decomposed generation in process, through the real Java validator. */
class DecomposedGenerationTest {

    static CapsuleRequest request() {
        return CapsuleRequest.builder().description("A calculator with an adder and a multiplier, with tests")
                .language(Language.JAVA).build();
    }

    static CapsuleGenerator generator(RespondingChatModel model) {
        return CapsuleGenerator.builder()
                .tier(Tier.T0, model)
                .tier(Tier.T3, model)
                .decomposition(Decomposition.builder().threshold(0.0).maxParallelTasks(2).build())
                .build();
    }

    @Test
    void should_run_independent_tasks_in_parallel_and_keep_every_file_when_request_is_decomposed() {
        ThreeTaskScript script = ThreeTaskScript.valid();

        Capsule capsule = generator(script.model()).generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.files()).extracting(f -> f.path()).containsExactlyInAnyOrder(ThreeTaskScript.PATHS);
        assertThat(script.planCalls()).isEqualTo(1);
        assertThat(script.taskCalls()).isEqualTo(3);
        assertThat(capsule.attempts()).hasSize(1);
        assertThat(capsule.attempts().get(0).reason()).contains("decomposed into 3 tasks");
        // Planned on the strongest tier, built on the routed one; four calls paid for.
        assertThat(capsule.manifest().tiersUsed()).containsExactly(Tier.T3, Tier.T0);
        assertThat(capsule.usage().totalCalls()).isEqualTo(4);
    }

    @Test
    void should_use_repaired_plan_when_first_plan_is_not_json() {
        ThreeTaskScript script = ThreeTaskScript.planning("Sure! {tasks: adder, multiplier and tests}",
                ThreeTaskScript.PLAN);
        RespondingChatModel model = script.model();

        Capsule capsule = generator(model).generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(script.planCalls()).isEqualTo(2);
        RespondingChatModel.Call repair = model.received().stream()
                .filter(call -> call.systemText().contains("software architect")).skip(1).findFirst().orElseThrow();
        assertThat(repair.lastUserText()).contains("could not be used").contains("not valid JSON");
        assertThat(capsule.files()).extracting(f -> f.path()).containsExactlyInAnyOrder(ThreeTaskScript.PATHS);
    }

    @Test
    void should_fail_with_plan_invalid_when_plan_has_a_cycle_after_its_repair() {
        ThreeTaskScript script = ThreeTaskScript.planning(ThreeTaskScript.CYCLIC_PLAN);

        assertThatThrownBy(() -> generator(script.model()).generate(request()))
                .isInstanceOfSatisfying(QlpException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.PLAN_INVALID);
                    assertThat(e.isRetriable()).isFalse();
                    assertThat(e.details()).containsEntry("reason", "cycle");
                    assertThat(e.getMessage()).contains("a -> b -> a");
                    assertThat(e.context().capsuleId()).isNotBlank();
                });
        assertThat(script.planCalls()).isEqualTo(2);
        assertThat(script.taskCalls()).isZero();
    }

    @Test
    void should_not_decompose_when_request_is_below_threshold() {
        ThreeTaskScript script = ThreeTaskScript.valid();
        RespondingChatModel model = RespondingChatModel.answering(call -> ThreeTaskScript.ADDER
                + ThreeTaskScript.MULTIPLIER + ThreeTaskScript.TESTS);
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, model)
                .decomposition(Decomposition.builder().threshold(1.0).build()).build();

        Capsule capsule = generator.generate(request());

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(model.received()).hasSize(1);
        assertThat(model.received().get(0).systemText()).doesNotContain("software architect");
        assertThat(script.planCalls()).isZero();
    }
}
