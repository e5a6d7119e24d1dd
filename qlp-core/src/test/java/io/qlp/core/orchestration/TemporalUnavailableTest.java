package io.qlp.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.RetriableQlpException;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Starting a run while the Temporal service is down is a retriable, typed error, not a bare gRPC failure. */
class TemporalUnavailableTest {

    @Test
    void should_raise_retriable_orchestration_unavailable_when_the_temporal_service_does_not_answer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + closedPort).setRpcTimeout(Duration.ofSeconds(2)).build());
        try {
            TemporalCapsuleClient client = TemporalCapsuleClient.of(TemporalConnection.using(
                    WorkflowClient.newInstance(service, TemporalConnection.clientOptions("default")), "qlp-down",
                    ActivityPolicy.defaults()));
            CapsuleRequest request = CapsuleRequest.builder().description("A stack of ints, with tests")
                    .language(Language.JAVA).build();

            assertThatThrownBy(() -> client.start(request, "capsule-1"))
                    .isInstanceOfSatisfying(RetriableQlpException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.ORCHESTRATION_UNAVAILABLE);
                        assertThat(e.context().capsuleId()).isEqualTo("capsule-1");
                        assertThat(e.getMessage()).contains("qlp-down");
                        assertThat(e.details()).containsKey("status");
                    });
        } finally {
            service.shutdownNow();
        }
    }
}
