package io.qlp.server.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.CapsuleStatus;
import io.qlp.api.Language;
import io.qlp.api.ProgressEvent;
import io.qlp.api.Tier;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.orchestration.ActivityPolicy;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalCapsuleWorker;
import io.qlp.core.orchestration.TemporalConnection;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.testing.ScriptedChatModel;
import io.qlp.server.Answers;
import io.qlp.server.web.GenerateBody;
import io.qlp.server.web.TenantCapsules;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two server instances (two {@link GenerationService}s, each with its own registry and Temporal client) sharing one
 * Temporal service and one worker, as replicas behind a load balancer do: a run started on one is found and followed
 * by the other, for its tenant only.
 */
class GenerationServiceReplicaTest {

    private static final String TASK_QUEUE = "qlp-replicas";

    private final CountDownLatch modelMayAnswer = new CountDownLatch(1);
    private TestWorkflowEnvironment temporal;
    private AutoCloseable activities;
    private GenerationService first;
    private GenerationService second;

    @BeforeEach
    void start() {
        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(TemporalConnection.clientOptions("default"))
                .setUseTimeskipping(false)
                .build());
        Worker worker = temporal.newWorker(TASK_QUEUE);
        CapsuleGenerator generator = CapsuleGenerator.builder()
                .tier(Tier.T0, new HeldModel(ScriptedChatModel.answering(Answers.VALID), modelMayAnswer))
                .store(new InMemoryCapsuleStore())
                .maxAttempts(1)
                .build();
        activities = TemporalCapsuleWorker.register(worker, generator);
        temporal.start();
        first = instance();
        second = instance();
    }

    private GenerationService instance() {
        ActivityPolicy policy = ActivityPolicy.defaults().withInitialInterval(Duration.ofMillis(100));
        TemporalCapsuleClient client = TemporalCapsuleClient.of(
                TemporalConnection.using(temporal.getWorkflowClient(), TASK_QUEUE, policy));
        return new GenerationService(null, client, new GenerationRegistry(100, Duration.ofMinutes(5), 100));
    }

    @AfterEach
    void stop() throws Exception {
        modelMayAnswer.countDown();
        first.close();
        second.close();
        temporal.close();
        activities.close();
    }

    @Test
    void should_follow_a_running_workflow_to_its_end_when_another_instance_started_it_for_the_same_tenant()
            throws InterruptedException {
        GenerationService.Started started = first.start(request("acme"), "acme");

        Optional<RunLog> followed = second.follow(started.capsuleId(), "acme", owner("acme"));

        assertThat(followed).isPresent();
        assertThat(followed.get().state()).isEqualTo(RunState.RUNNING);
        assertThat(second.follow(started.capsuleId(), "acme", owner("acme"))).containsSame(followed.get());
        assertThat(second.known(started.capsuleId(), "acme")).containsSame(followed.get());
        Ended ended = new Ended();
        followed.get().subscribe(0, ended);
        modelMayAnswer.countDown();
        assertThat(ended.latch.await(60, TimeUnit.SECONDS)).as("the followed run ended").isTrue();
        assertThat(followed.get().state()).isEqualTo(RunState.FINISHED);
        assertThat(followed.get().capsuleStatus()).isEqualTo(CapsuleStatus.VALIDATED);
        assertThat(ended.events).first().extracting(ProgressEvent::message).asString()
                .contains("started by another server instance");
        assertThat(started.await(Duration.ofSeconds(60)).status()).isEqualTo(CapsuleStatus.VALIDATED);
    }

    @Test
    void should_not_follow_a_run_when_it_belongs_to_another_tenant() {
        GenerationService.Started started = first.start(request("acme"), "acme");

        assertThat(second.follow(started.capsuleId(), "globex", owner("globex"))).isEmpty();
        assertThat(second.known(started.capsuleId(), "globex")).isEmpty();
        assertThat(first.follow(started.capsuleId(), "globex", owner("globex"))).isEmpty();
    }

    @Test
    void should_find_no_run_when_no_workflow_has_the_id() {
        assertThat(second.follow("no-such-capsule", "acme", owner("acme"))).isEmpty();
    }

    @Test
    void should_end_the_followed_log_as_the_run_ended_when_the_workflow_had_already_finished()
            throws InterruptedException {
        GenerationService.Started started = first.start(request("acme"), "acme");
        modelMayAnswer.countDown();
        assertThat(started.await(Duration.ofSeconds(60)).status()).isEqualTo(CapsuleStatus.VALIDATED);

        Optional<RunLog> followed = second.follow(started.capsuleId(), "acme", owner("acme"));
        Ended ended = new Ended();
        followed.orElseThrow().subscribe(0, ended);

        assertThat(ended.latch.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(followed.get().state()).isEqualTo(RunState.FINISHED).isEqualTo(started.log().state());
        assertThat(followed.get().capsuleStatus()).isEqualTo(CapsuleStatus.VALIDATED);
    }

    private static CapsuleRequest request(String tenant) {
        return CapsuleRequest.builder().description("A class that greets by name, with tests")
                .language(Language.JAVA).metadata(GenerateBody.TENANT_KEY, tenant).build();
    }

    private static java.util.function.Predicate<CapsuleRequest> owner(String tenant) {
        return request -> TenantCapsules.owns(tenant, request);
    }

    /** Holds every call until the test lets the model answer, so a run is still running while it is followed. */
    private record HeldModel(ChatModel delegate, CountDownLatch mayAnswer) implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            try {
                if (!mayAnswer.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the model answer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return delegate.chat(request);
        }
    }

    /** Records a log's events and its end. */
    private static final class Ended implements RunSubscriber {
        final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        final CountDownLatch latch = new CountDownLatch(1);

        @Override
        public boolean onEvent(long sequence, ProgressEvent event) {
            events.add(event);
            return true;
        }

        @Override
        public void onEnd(RunLog log) {
            latch.countDown();
        }
    }
}
