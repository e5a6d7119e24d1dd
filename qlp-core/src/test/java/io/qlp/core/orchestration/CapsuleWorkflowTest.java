package io.qlp.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InternalServerException;
import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.ProgressEvent;
import io.qlp.api.QlpException;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.decompose.Decomposition;
import io.qlp.core.decompose.ThreeTaskScript;
import io.qlp.core.orchestration.internal.CapsuleActivitiesImpl;
import io.qlp.core.resilience.CallResilience;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.testing.RespondingChatModel;
import io.qlp.core.testing.ScriptedChatModel;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The capsule workflow on Temporal's in-process test service, with scripted models and the real Java validator. */
class CapsuleWorkflowTest {

    static final String TASK_QUEUE = "qlp-test";

    static final String BROKEN = """
            ### src/main/java/demo/Adder.java
            ```java
            package demo;

            public final class Adder {
                public static int add(int a, int b) { return "" + a + b; }
            }
            ```

            ### src/test/java/demo/AdderTest.java
            ```java
            package demo;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import org.junit.jupiter.api.Test;

            class AdderTest {
                @Test
                void adds() { assertEquals(5, Adder.add(2, 3)); }
            }
            ```
            """;

    static final String FIXED = BROKEN.replace("return \"\" + a + b;", "return a + b;");

    TestWorkflowEnvironment env;
    CapsuleActivitiesImpl activities;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        if (activities != null) {
            activities.close();
        }
    }

    static CapsuleRequest request() {
        return CapsuleRequest.builder().description("A class that adds two integers, with tests")
                .language(Language.JAVA).build();
    }

    /** A client over a fresh test service whose worker runs {@code generator}'s pieces. */
    TemporalCapsuleClient clientFor(CapsuleGenerator generator) {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .setUseTimeskipping(false)
                .build());
        Worker worker = env.newWorker(TASK_QUEUE);
        activities = TemporalCapsuleWorker.register(worker, generator);
        env.start();
        ActivityPolicy policy = ActivityPolicy.defaults().withInitialInterval(Duration.ofMillis(100));
        return TemporalCapsuleClient.of(TemporalConnection.using(env.getWorkflowClient(), TASK_QUEUE, policy));
    }

    @Test
    void should_give_same_status_attempts_and_files_as_in_process_when_answers_are_the_same() {
        CapsuleGenerator inProcess = CapsuleGenerator.builder()
                .tier(Tier.T0, ScriptedChatModel.answering(BROKEN, FIXED)).maxAttempts(3).build();
        InMemoryCapsuleStore store = new InMemoryCapsuleStore();
        CapsuleGenerator durable = CapsuleGenerator.builder()
                .tier(Tier.T0, ScriptedChatModel.answering(BROKEN, FIXED)).maxAttempts(3).store(store).build();

        Capsule expected = inProcess.generate(request());
        TemporalCapsuleClient client = clientFor(durable);
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        CapsuleRun run = client.start(request());
        Capsule actual = client.await(run, events::add);

        assertThat(actual.status()).isEqualTo(CapsuleStatus.VALIDATED).isEqualTo(expected.status());
        assertThat(actual.attempts()).isEqualTo(expected.attempts()).hasSize(2);
        assertThat(actual.files()).isEqualTo(expected.files());
        assertThat(actual.usage()).isEqualTo(expected.usage());
        assertThat(actual.validation().passed()).isTrue();
        assertThat(actual.manifest().sha256()).isEqualTo(expected.manifest().sha256());
        assertThat(actual.id()).isEqualTo(run.capsuleId());
        assertThat(store.find(run.capsuleId())).contains(actual);
        assertThat(store.history(run.capsuleId())).hasSize(1);

        RunStatus status = client.status(run.capsuleId());
        assertThat(status.state()).isEqualTo("COMPLETED");
        assertThat(status.capsuleStatus()).isEqualTo("VALIDATED");
        assertThat(status.progress()).isNotNull();
        assertThat(status.progress().stage()).isEqualTo(Stage.DONE);
        assertThat(client.status(run.workflowId()).capsuleId()).isEqualTo(run.capsuleId());
    }

    @Test
    void should_run_independent_task_activities_in_parallel_when_request_is_decomposed() {
        ThreeTaskScript script = ThreeTaskScript.valid();
        RespondingChatModel model = script.model();
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, model).tier(Tier.T3, model)
                .decomposition(Decomposition.builder().threshold(0.0).maxParallelTasks(2).build()).build();
        TemporalCapsuleClient client = clientFor(generator);

        CapsuleRun run = client.start(request());
        Capsule capsule = client.await(run);

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.files()).extracting(f -> f.path()).containsExactlyInAnyOrder(ThreeTaskScript.PATHS);
        assertThat(script.planCalls()).isEqualTo(1);
        assertThat(script.taskCalls()).isEqualTo(3);
        RunProgress progress = client.status(run.capsuleId()).progress();
        assertThat(progress.tasksTotal()).isEqualTo(3);
        assertThat(progress.tasksDone()).isEqualTo(3);
    }

    @Test
    void should_fail_run_with_plan_invalid_when_plan_has_a_cycle_after_its_repair() {
        ThreeTaskScript script = ThreeTaskScript.planning(ThreeTaskScript.CYCLIC_PLAN);
        RespondingChatModel model = script.model();
        TemporalCapsuleClient client = clientFor(CapsuleGenerator.builder().tier(Tier.T0, model)
                .decomposition(Decomposition.builder().threshold(0.0).build()).build());

        CapsuleRun run = client.start(request());

        assertThatThrownBy(() -> client.await(run)).isInstanceOfSatisfying(QlpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PLAN_INVALID);
            assertThat(e.details()).containsEntry("reason", "cycle");
            assertThat(e.context().capsuleId()).isEqualTo(run.capsuleId());
        });
        assertThat(script.planCalls()).isEqualTo(2);
        RunStatus status = client.status(run.capsuleId());
        assertThat(status.state()).isEqualTo("FAILED");
        assertThat(status.failure()).startsWith("plan_invalid: ");
    }

    @Test
    void should_not_retry_model_activity_when_error_is_not_retriable() {
        AtomicInteger calls = new AtomicInteger();
        RespondingChatModel model = RespondingChatModel.answering(call -> {
            calls.incrementAndGet();
            throw new AuthenticationException("bad key");
        });
        TemporalCapsuleClient client = clientFor(CapsuleGenerator.builder().tier(Tier.T0, model).build());

        CapsuleRun run = client.start(request());

        assertThatThrownBy(() -> client.await(run)).isInstanceOfSatisfying(QlpException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.MODEL_AUTHENTICATION);
            assertThat(e.isRetriable()).isFalse();
            assertThat(e.context().tier()).isEqualTo(Tier.T0);
        });
        assertThat(calls).hasValue(1);
    }

    @Test
    void should_retry_model_activity_when_error_is_retriable() {
        AtomicInteger calls = new AtomicInteger();
        RespondingChatModel model = RespondingChatModel.answering(call -> {
            if (calls.incrementAndGet() <= 2) {
                throw new InternalServerException("overloaded");
            }
            return FIXED;
        });
        CapsuleGenerator generator = CapsuleGenerator.builder().tier(Tier.T0, model)
                .resilience(CallResilience.builder().maxRetries(0).build()).build();
        TemporalCapsuleClient client = clientFor(generator);

        Capsule capsule = client.await(client.start(request()));

        assertThat(capsule.status()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(capsule.attempts()).hasSize(1);
        assertThat(calls).hasValue(3);
    }

    @Test
    void should_say_not_found_when_no_run_has_the_id() {
        TemporalCapsuleClient client = clientFor(CapsuleGenerator.builder()
                .tier(Tier.T0, ScriptedChatModel.answering(FIXED)).build());

        assertThatThrownBy(() -> client.status("no-such-capsule")).isInstanceOfSatisfying(QlpException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CAPSULE_NOT_FOUND));
    }

    @Test
    void should_read_the_started_request_when_another_client_asks_for_a_run_it_did_not_start() {
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, ScriptedChatModel.answering(FIXED)).maxAttempts(1).build();
        TemporalCapsuleClient starter = clientFor(generator);
        TemporalCapsuleClient other = TemporalCapsuleClient.of(TemporalConnection.using(env.getWorkflowClient(),
                TASK_QUEUE, ActivityPolicy.defaults()));
        CapsuleRequest request = request().toBuilder().metadata("tenant", "acme").build();

        CapsuleRun run = starter.start(request);
        starter.await(run);

        assertThat(other.startedRequest(run.capsuleId())).contains(request);
        assertThat(other.startedRequest("no-such-capsule")).isEmpty();
    }
}
